package glocal.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Loss of the behaviour heads, added to the play loss. Without ESMM: finish and skip are binary
 * cross-entropies and the completion ratio a squared error, all only on plays (they are meaningful
 * only there). With ESMM (Ma et al., SIGIR 2018) the finish head is pCVR and is trained through
 * pCTCVR = pCTR x pCVR against {@code play AND finished} over ALL examples, which avoids the sample
 * selection bias of training the conversion rate on plays only.
 *
 * <p>Labels: {@code [play (N), finished (N), skipped (N), watchRatio (N), weight (N)]}.
 * Predictions: {@code [playLogits (N), headLogits (N, 3)]}. {@link #evaluate} gives the weighted
 * batch mean, {@link #perExample} the unweighted loss of each example.
 */
public final class BehaviourLoss extends Loss {

    private final boolean esmm;

    public BehaviourLoss(boolean esmm) {
        super(esmm ? "ESMM" : "BehaviourHeads");
        this.esmm = esmm;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perExample(labels, predictions).mul(labels.get(4)).mean();
    }

    /** Per-example loss of the heads, shape {@code (N)}. */
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray play = labels.get(0);
        NDArray heads = predictions.get(1);
        NDArray finishLogit = heads.get(":, 0");
        NDArray skipLogit = heads.get(":, 1");
        NDArray ratio = Activation.sigmoid(heads.get(":, 2"));
        NDArray onPlays =
                bce(skipLogit, labels.get(2)).add(ratio.sub(labels.get(3)).square()).mul(play);
        if (esmm) {
            NDArray pctcvr =
                    Activation.sigmoid(predictions.get(0)).mul(Activation.sigmoid(finishLogit));
            NDArray target = play.mul(labels.get(1));
            NDArray p = pctcvr.clip(1e-7f, 1 - 1e-7f);
            NDArray ctcvrLoss =
                    target.mul(p.log()).add(target.neg().add(1f).mul(p.neg().add(1f).log())).neg();
            return onPlays.add(ctcvrLoss);
        }
        return onPlays.add(bce(finishLogit, labels.get(1)).mul(play));
    }

    private static NDArray bce(NDArray logits, NDArray label) {
        return logits.maximum(0f)
                .sub(logits.mul(label))
                .add(logits.abs().neg().exp().add(1f).log());
    }
}
