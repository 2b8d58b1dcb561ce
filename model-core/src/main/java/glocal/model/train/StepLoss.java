package glocal.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import glocal.model.loss.BehaviourLoss;
import glocal.model.loss.MaskedBinaryCrossEntropy;
import glocal.model.optim.DenseAdam;
import glocal.model.prior.PopularityPrior;
import glocal.model.tower.TwoTower;

/**
 * The forward and backward pass of a training step: the batch's rows become arrays that require
 * gradients (in a sub-manager closed before returning), the towers, priors, exposure head and log Q
 * give the logits, the retrieval, behaviour and exposure losses their sum, and backward its
 * gradients, which are read out as {@link StepGradients} with the scores and losses of the model
 * before the batch. Applies nothing: {@link RowUpdates} does, once the gradients are found finite.
 */
final class StepLoss {

    private final ModelSpec spec;
    private final DjlRuntime runtime;
    private final BatchTensors tensors;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final TitleInputs titleInputs;
    private final DenseAdam denseAdam;
    private final UserHistory history;
    private final PopularityPrior popularity;
    private final PriorTerms priorTerms;
    private final RetrievalTerms retrieval;
    private final ExposureHead exposure;
    private final BehaviourLoss behaviourLoss;
    private final MaskedBinaryCrossEntropy loss = new MaskedBinaryCrossEntropy();

    /**
     * @param popularity the popularity prior, or null when the spec has none
     * @param exposure the exposure head, or null when the spec has none
     */
    StepLoss(
            ModelSpec spec,
            DjlRuntime runtime,
            BatchTensors tensors,
            EmbeddingTable users,
            EmbeddingTable titles,
            TitleInputs titleInputs,
            DenseAdam denseAdam,
            UserHistory history,
            PopularityPrior popularity,
            PriorTerms priorTerms,
            RetrievalTerms retrieval,
            ExposureHead exposure) {
        this.spec = spec;
        this.runtime = runtime;
        this.tensors = tensors;
        this.users = users;
        this.titles = titles;
        this.titleInputs = titleInputs;
        this.denseAdam = denseAdam;
        this.history = history;
        this.popularity = popularity;
        this.priorTerms = priorTerms;
        this.retrieval = retrieval;
        this.exposure = exposure;
        this.behaviourLoss = spec.heads() ? new BehaviourLoss(spec.esmm()) : null;
    }

    /** The arrays whose gradients the step reads (null where the spec has no such part). */
    private static final class Leaves {
        NDArray user;
        NDArray title;
        NDArray history;
        NDArray prior;
        NDArray popularityWeights;
    }

    /** The towers' outputs, those with the title priors in, and the logits before log Q. */
    private record Forward(TwoTower.Outputs towers, TwoTower.Outputs out, NDArray logits) {}

    /** The batch loss to run backward from and what it reports per example. */
    private record Losses(NDArray batchLoss, float[] exampleLosses, float[] finishScores) {}

    /** What the backward pass gives besides the leaves' gradients. */
    private record Backward(
            float loss,
            float exposureLoss,
            float[] scores,
            float[] exampleLosses,
            float[] finishScores,
            ExposureHead.Gradients exposure) {}

    /**
     * Runs the step's forward and backward pass on the batch, whose distinct rows are {@code uu}
     * and {@code tu}, at model version {@code version}.
     */
    StepGradients run(ExampleBatch batch, UniqueRows uu, UniqueRows tu, long version) {
        // Features from the plays before this batch: a play must not predict itself.
        float[] popularityFeatures =
                popularity == null
                        ? null
                        : popularity.features(batch.territories(), batch.titleIds(), batch.size());
        // Histories as they were before this batch: a play must not predict itself.
        UserHistory.Bag bag =
                history.enabled()
                        ? history.bag(BatchTensors.distinctIds(batch.userIds(), uu), titles)
                        : null;
        Leaves leaves = new Leaves();
        Backward backward;
        float[] userGrad;
        float[] titleGrad;
        float[] priorGrad;
        float[] popularityGrad;
        float[] historyGrad;
        try (NDManager sub = runtime.newSubManager()) {
            NDArray userInput = userInput(sub, uu, tu, bag, leaves);
            NDList inputs = tensors.inputs(sub, batch, userInput, uu, leaves.title, tu);
            NDList labels = BatchTensors.labels(sub, batch);
            if (spec.loss().corrected()) {
                retrieval.at(version);
                retrieval.observePlays(batch);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                backward =
                        backward(
                                collector,
                                sub,
                                batch,
                                uu,
                                tu,
                                inputs,
                                labels,
                                leaves,
                                popularityFeatures);
            }
            userGrad = gradient(leaves.user);
            titleGrad = titleInputs.embeddingColumns(gradient(leaves.title), tu.count());
            priorGrad = gradient(leaves.prior);
            popularityGrad = gradient(leaves.popularityWeights);
            historyGrad = gradient(leaves.history);
        }
        float[][] denseGrad = denseAdam.takeGradients();
        return new StepGradients(
                backward.loss(),
                backward.scores(),
                backward.exampleLosses(),
                backward.finishScores(),
                backward.exposureLoss(),
                userGrad,
                titleGrad,
                priorGrad,
                popularityGrad,
                bag,
                historyGrad,
                backward.exposure(),
                denseGrad);
    }

    /** The leaf's gradient after backward, or null for a leaf the spec does not have. */
    private static float[] gradient(NDArray leaf) {
        return leaf == null ? null : leaf.getGradient().toFloatArray();
    }

    /**
     * The user tower's input: the distinct users' rows, plus the mean of their histories' title
     * rows when the bag has any; sets the user, title and history leaves.
     */
    private NDArray userInput(
            NDManager sub, UniqueRows uu, UniqueRows tu, UserHistory.Bag bag, Leaves leaves) {
        leaves.user = tensors.userRows(sub, uu.rows(), uu.count());
        leaves.title = tensors.titleRows(sub, tu);
        leaves.user.setRequiresGradient(true);
        leaves.title.setRequiresGradient(true);
        NDArray userInput = leaves.user;
        if (bag != null && bag.count() > 0) {
            leaves.history = tensors.historyRows(sub, bag);
            leaves.history.setRequiresGradient(true);
            userInput = leaves.user.add(tensors.historyMean(sub, bag, leaves.history, uu.count()));
        }
        return userInput;
    }

    /** Forward, losses and backward inside the gradient collector. */
    private Backward backward(
            GradientCollector collector,
            NDManager sub,
            ExampleBatch batch,
            UniqueRows uu,
            UniqueRows tu,
            NDList inputs,
            NDList labels,
            Leaves leaves,
            float[] popularityFeatures) {
        Forward forward = forward(sub, batch, inputs, tu, leaves, popularityFeatures);
        NDArray logits = forward.logits();
        // The head reads the model's score (as top-K ranks by it), before log Q.
        ExposureHead.Pass exposurePass =
                exposure == null
                        ? null
                        : exposure.forward(
                                sub,
                                runtime.store(),
                                batch,
                                forward.towers().exampleUsers(),
                                forward.towers().titles(),
                                logits,
                                users,
                                uu,
                                titles,
                                tu,
                                true);
        if (spec.loss() == RetrievalLoss.BCE_LOGQ) {
            logits = logits.sub(sub.create(retrieval.samplingOffsets(batch)));
        }
        Losses losses = losses(sub, batch, forward.out(), logits, tu, labels, leaves);
        NDArray batchLoss = losses.batchLoss();
        float lossValue = batchLoss.getFloat();
        float exposureLoss = 0f;
        if (exposurePass != null) {
            // The head's vectors are detached: its loss reaches its own biases and MLP only.
            NDArray headLoss =
                    ExposureHead.loss(
                            loss.perExample(labels, new NDList(exposurePass.logits())),
                            labels.get(1),
                            exposurePass.mask());
            exposureLoss = headLoss.getFloat();
            batchLoss = batchLoss.add(headLoss);
        }
        collector.backward(batchLoss);
        float[] scores =
                Activation.sigmoid(exposurePass == null ? logits : exposurePass.logits())
                        .toFloatArray();
        return new Backward(
                lossValue,
                exposureLoss,
                scores,
                losses.exampleLosses(),
                losses.finishScores(),
                exposurePass == null ? null : exposure.take(exposurePass));
    }

    /**
     * The towers' forward pass, then the title priors and the popularity term; sets the prior and
     * popularity leaves.
     */
    private Forward forward(
            NDManager sub,
            ExampleBatch batch,
            NDList inputs,
            UniqueRows tu,
            Leaves leaves,
            float[] popularityFeatures) {
        TwoTower.Outputs towers = runtime.model().forwardAll(runtime.store(), inputs, true);
        TwoTower.Outputs out = towers;
        NDArray logits = out.logits();
        if (spec.priorColumns() > 0) {
            leaves.prior = tensors.priorRows(sub, tu.rows(), tu.count());
            leaves.prior.setRequiresGradient(true);
            out = priorTerms.withPriors(sub, out, batch, leaves.prior, inputs.get(3));
            logits = out.logits();
        }
        if (popularity != null) {
            leaves.popularityWeights = tensors.popularityWeights(sub);
            leaves.popularityWeights.setRequiresGradient(true);
            logits =
                    logits.add(
                            priorTerms.popularityTerm(
                                    sub, batch, leaves.popularityWeights, popularityFeatures));
        }
        return new Forward(towers, out, logits);
    }

    /**
     * The batch loss: the retrieval loss (in-batch softmax over the plays, or per-example BCE on
     * {@code logits}) plus the behaviour heads' loss.
     */
    private Losses losses(
            NDManager sub,
            ExampleBatch batch,
            TwoTower.Outputs out,
            NDArray logits,
            UniqueRows tu,
            NDList labels,
            Leaves leaves) {
        NDArray behaviour = null;
        float[] finishScores = null;
        if (behaviourLoss != null) {
            behaviour =
                    behaviourLoss.perExample(
                            BatchTensors.headLabels(sub, batch),
                            new NDList(logits, out.headLogits()));
            finishScores = Activation.sigmoid(out.headLogits().get(":, 0")).toFloatArray();
        }
        if (spec.loss().inBatch()) {
            int[] plays = RetrievalTerms.plays(batch);
            NDArray perPlay =
                    retrieval.inBatchLosses(sub, batch, out, tu, plays, leaves.popularityWeights);
            // A batch without plays has no softmax term: a zero that still depends on the towers,
            // so the backward pass gives zero gradients instead of failing.
            NDArray batchLoss =
                    plays.length == 0
                            ? logits.sum().mul(0f)
                            : perPlay.mul(sub.create(RetrievalTerms.gather(batch.weights(), plays)))
                                    .mean();
            if (behaviour != null) {
                batchLoss = batchLoss.add(loss.weightedMean(behaviour, labels.get(1)));
            }
            return new Losses(
                    batchLoss, RetrievalTerms.spread(perPlay, plays, batch.size()), finishScores);
        }
        NDArray perExample = loss.perExample(labels, new NDList(logits));
        if (behaviour != null) {
            perExample = perExample.add(behaviour);
        }
        NDArray batchLoss = loss.weightedMean(perExample, labels.get(1));
        return new Losses(batchLoss, perExample.toFloatArray(), finishScores);
    }
}
