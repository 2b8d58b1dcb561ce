package glocal.model.tower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.mtl.BehaviourHeads;
import glocal.model.mtl.BiasNet;
import glocal.model.mtl.Switcher;

/**
 * The two-tower model over a batch's unique rows. Towers run once per distinct user and title
 * (popular titles repeat within a batch), then an index gather expands them to the examples.
 *
 * <p>Inputs: {@code [userRows (U, E), userTaskIndex (N) int64, titleRows (T, E+C), titleIndex (N)
 * int64]} plus {@code groupFeatures (N, F)} when there is a biasnet. {@code userTaskIndex = u *
 * tasks + task} picks, for each example, the vector of its distinct user {@code u} from its own
 * task's block: this gather IS the one-hot task mask of arXiv 2310.03148 (multiplying all task
 * logits by a one-hot mask and gathering the own task give the same loss and the same gradients,
 * zero for other tasks' blocks), without computing the other tasks' logits, whose backward pass was
 * 3-10x the cost of the rest. Output: {@code [logits (N)]}, the dot product of the own-task user
 * vector and the title vector, plus the biasnet logit.
 */
public final class TwoTower extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Tower userTower;
    private final Switcher switcher;
    private final Tower titleTower;
    private final BiasNet biasNet;
    private final BehaviourHeads heads;

    public TwoTower(Tower userTower, Switcher switcher, Tower titleTower, BiasNet biasNet) {
        this(userTower, switcher, titleTower, biasNet, null);
    }

    /**
     * With {@code heads}, the output gains {@code headLogits (N, 3)} (see {@link BehaviourHeads}).
     */
    public TwoTower(
            Tower userTower,
            Switcher switcher,
            Tower titleTower,
            BiasNet biasNet,
            BehaviourHeads heads) {
        super(VERSION);
        this.userTower = addChildBlock("userTower", userTower);
        this.switcher = addChildBlock("switcher", switcher);
        this.titleTower = addChildBlock("titleTower", titleTower);
        this.biasNet = biasNet == null ? null : addChildBlock("biasnet", biasNet);
        this.heads = heads == null ? null : addChildBlock("heads", heads);
    }

    public boolean hasHeads() {
        return heads != null;
    }

    public Switcher switcher() {
        return switcher;
    }

    public boolean hasBiasNet() {
        return biasNet != null;
    }

    /** User vectors of every task, {@code (U, tasks, D)}. */
    public NDArray userVectors(ParameterStore store, NDArray userRows, boolean training) {
        NDList shared = userTower.forward(store, new NDList(userRows), training);
        return switcher.forward(store, shared, training).singletonOrThrow();
    }

    /** Title vectors {@code (T, D)}. */
    public NDArray titleVectors(ParameterStore store, NDArray titleRows, boolean training) {
        return titleTower.forward(store, new NDList(titleRows), training).singletonOrThrow();
    }

    /**
     * Everything one forward pass computes, for losses that need more than the logits.
     *
     * @param logits {@code (N)} own-task user vector · title vector, plus the biasnet logit
     * @param headLogits {@code (N, 3)} behaviour head logits, or null without heads
     * @param exampleUsers {@code (N, D)} each example's own-task user vector
     * @param titles {@code (T, D)} the vectors of the batch's distinct titles
     */
    public record Outputs(
            NDArray logits, NDArray headLogits, NDArray exampleUsers, NDArray titles) {}

    /** The forward pass of {@link #forward}, keeping the vectors (same inputs). */
    public Outputs forwardAll(ParameterStore store, NDList inputs, boolean training) {
        NDArray users = userVectors(store, inputs.get(0), training);
        NDArray byTask = users.reshape(-1, users.getShape().get(2));
        NDArray perExampleUser = byTask.get(inputs.get(1));
        NDArray titles = titleVectors(store, inputs.get(2), training);
        NDArray perExampleTitle = titles.get(inputs.get(3));
        NDArray logits = perExampleUser.mul(perExampleTitle).sum(new int[] {1});
        if (biasNet != null) {
            logits =
                    logits.add(
                            biasNet.forward(store, new NDList(inputs.get(4)), training)
                                    .singletonOrThrow()
                                    .squeeze(1));
        }
        NDArray headLogits =
                heads == null
                        ? null
                        : heads.forward(
                                        store,
                                        new NDList(perExampleUser, perExampleTitle),
                                        training)
                                .singletonOrThrow();
        return new Outputs(logits, headLogits, perExampleUser, titles);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        Outputs out = forwardAll(store, inputs, training);
        return out.headLogits() == null
                ? new NDList(out.logits())
                : new NDList(out.logits(), out.headLogits());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = new Shape(inputShapes[1].get(0));
        return heads == null
                ? new Shape[] {logits}
                : new Shape[] {logits, new Shape(inputShapes[1].get(0), 3)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        userTower.initialize(manager, dataType, inputShapes[0]);
        switcher.initialize(
                manager, dataType, userTower.getOutputShapes(new Shape[] {inputShapes[0]}));
        titleTower.initialize(manager, dataType, inputShapes[2]);
        if (biasNet != null) {
            biasNet.initialize(manager, dataType, inputShapes[4]);
        }
        if (heads != null) {
            Shape vector = new Shape(1, userTower.units());
            heads.initialize(manager, dataType, vector, vector);
        }
    }
}
