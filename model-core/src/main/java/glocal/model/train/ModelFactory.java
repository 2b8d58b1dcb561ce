package glocal.model.train;

import glocal.model.mtl.BehaviourHeads;
import glocal.model.mtl.BiasNet;
import glocal.model.mtl.Cgc;
import glocal.model.mtl.GroupHeads;
import glocal.model.mtl.Mfh;
import glocal.model.mtl.Mmoe;
import glocal.model.mtl.SingleTask;
import glocal.model.mtl.Switcher;
import glocal.model.tower.Tower;
import glocal.model.tower.TwoTower;

/**
 * Builds the block graph a spec names: the same towers for every kind, only the switcher varies.
 */
final class ModelFactory {

    /**
     * Width of the biasnet's single hidden layer: shallow on purpose, it sees only group features.
     */
    private static final int[] BIASNET_HIDDEN = {8};

    private ModelFactory() {}

    static TwoTower build(ModelSpec spec) {
        Tower userTower = new Tower(spec.towerHidden(), spec.outputDim());
        Tower titleTower = new Tower(spec.towerHidden(), spec.outputDim());
        BiasNet biasNet = spec.biasnet() ? new BiasNet(BIASNET_HIDDEN) : null;
        BehaviourHeads heads =
                spec.heads() ? new BehaviourHeads(new int[] {spec.outputDim()}) : null;
        return new TwoTower(userTower, switcher(spec), titleTower, biasNet, heads);
    }

    static Switcher switcher(ModelSpec spec) {
        int g = spec.territoryGroups();
        int d = spec.outputDim();
        return switch (spec.kind()) {
            case BASELINE -> new SingleTask();
            case MTL -> new GroupHeads(g, new int[0], d);
            case SHARED_BOTTOM ->
                    new GroupHeads(
                            g,
                            spec.headHidden().length == 0 ? new int[] {d} : spec.headHidden(),
                            d);
            case MMOE -> new Mmoe(g, spec.experts(), spec.headHidden(), d);
            case CGC ->
                    new Cgc(
                            g,
                            spec.levels(),
                            spec.experts(),
                            spec.groupExperts(),
                            spec.headHidden(),
                            d);
            case MFH ->
                    new Mfh(
                            g,
                            spec.activityGroups(),
                            new Cgc(
                                    g,
                                    spec.levels(),
                                    spec.experts(),
                                    spec.groupExperts(),
                                    spec.headHidden(),
                                    d),
                            new int[0],
                            d);
        };
    }
}
