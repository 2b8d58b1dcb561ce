package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import glocal.model.batch.ExampleBatch;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir Path dir;

    private static ModelSpec spec(ModelKind kind) {
        return ModelSpec.defaults(kind)
                .with(
                        ModelSpec.EMBEDDING_DIM,
                        "16",
                        ModelSpec.OUTPUT_DIM,
                        "16",
                        ModelSpec.TOWER_HIDDEN,
                        "16",
                        ModelSpec.BIASNET,
                        "true",
                        ModelSpec.CONTENT_DIM,
                        "3",
                        ModelSpec.USER_MIN_COUNT,
                        "2");
    }

    private static ExampleBatch weighted(ExampleBatch b, AdaptiveUserWeights w) {
        return b.withWeights(w.weights(b.userIds(), b.size()));
    }

    private static float trainStep(OnlineTrainer t, AdaptiveUserWeights w, ExampleBatch raw) {
        ExampleBatch batch = weighted(raw, w);
        StepResult r = t.step(batch);
        w.record(batch.userIds(), r.exampleLosses(), batch.size());
        w.onStep(r.version());
        return r.loss();
    }

    @Test
    void embeddingRowsHoldingNaNAreStartedOverOnRestoreAndPublishedAgain() throws IOException {
        TinyWorld world = new TinyWorld(22, 100, 30, 4);
        Path file = dir.resolve("poisoned.ckpt");
        String poisonedUser;
        try (OnlineTrainer t = new OnlineTrainer(spec(ModelKind.MTL), Device.cpu())) {
            for (int i = 0; i < 4; i++) {
                t.step(world.nextBatch(64));
            }
            t.drainChangedUsers();
            // what a build without the batch guard left behind: one user's row and Adam state NaN
            poisonedUser = t.users().ids().idOf(1);
            float[] nan = new float[t.spec().embeddingDim()];
            java.util.Arrays.fill(nan, Float.NaN);
            t.users().apply(new int[] {1}, 1, nan, t.spec().embeddingAdam());
            t.drainChangedUsers();
            assertThat(t.users().row(1)).contains(Float.NaN);
            Checkpoint.save(t, null, Map.of(), file);
        }
        Checkpoint.Restored r = Checkpoint.restore(file, Device.cpu());
        try (OnlineTrainer t = r.trainer()) {
            assertThat(r.repairedRows()).isEqualTo(1);
            assertThat(t.users().row(1)).doesNotContain(Float.NaN);
            assertThat(t.drainChangedUsers()).containsExactly(poisonedUser);
            assertThat(t.step(world.nextBatch(64)).applied()).isTrue();
        }
    }

    @Test
    void aCheckpointWithNonFiniteDenseParametersIsRefusedWithWhatToDo() throws IOException {
        Path file = dir.resolve("diverged.ckpt");
        try (OnlineTrainer t = new OnlineTrainer(spec(ModelKind.MTL), Device.cpu())) {
            t.step(new TinyWorld(23, 50, 20, 4).nextBatch(32));
            var weight = t.model().getParameters().valueAt(0).getArray();
            float[] values = weight.toFloatArray();
            values[0] = Float.NaN;
            weight.set(values);
            Checkpoint.save(t, null, Map.of(), file);
        }
        assertThatThrownBy(() -> Checkpoint.restore(file, Device.cpu()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("NaN or infinite dense parameters")
                .hasMessageContaining("move it away");
    }

    @Test
    void restoredTrainerContinuesExactlyLikeTheUninterruptedRun() throws IOException {
        for (ModelKind kind : new ModelKind[] {ModelKind.MTL, ModelKind.MMOE}) {
            TinyWorld world = new TinyWorld(21, 300, 60, 4);
            List<ExampleBatch> batches = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batches.add(world.nextBatch(128));
            }
            AdaptiveWeightsConfig wc = new AdaptiveWeightsConfig(0.5f, 1, 5, 0.2f, 5f, 3);
            Path file = dir.resolve(kind.id() + ".ckpt");
            List<Float> uninterrupted = new ArrayList<>();
            try (OnlineTrainer t = new OnlineTrainer(spec(kind), Device.cpu())) {
                AdaptiveUserWeights w = new AdaptiveUserWeights(wc);
                t.putTitleContent("t1", new float[] {0.5f, -1f, 2f});
                for (int i = 0; i < 30; i++) {
                    if (i == 20) {
                        Checkpoint.save(t, w, Map.of("offset.training-batches.0", "1234"), file);
                    }
                    float loss = trainStep(t, w, batches.get(i));
                    if (i >= 20) {
                        uninterrupted.add(loss);
                    }
                }
            }
            Checkpoint.Restored restored = Checkpoint.restore(file, Device.cpu());
            try (OnlineTrainer t = restored.trainer()) {
                assertThat(t.version()).isEqualTo(20);
                assertThat(t.spec()).isEqualTo(spec(kind));
                assertThat(restored.metadata()).containsEntry("offset.training-batches.0", "1234");
                assertThat(restored.provenance().getProperty(ModelSpec.SEED)).isEqualTo("42");
                List<Float> resumed = new ArrayList<>();
                for (int i = 20; i < 30; i++) {
                    resumed.add(trainStep(t, restored.weights(), batches.get(i)));
                }
                assertThat(resumed).as(kind.id()).containsExactlyElementsOf(uninterrupted);
            }
        }
    }

    /**
     * The popularity prior's weights and play counts travel in the checkpoint (format 3): a trainer
     * restored mid-run takes the same steps and ranks the same top-K as the one that went on.
     */
    @Test
    void popularityPriorWeightsAndCountsResumeExactly() throws IOException {
        ModelSpec spec =
                spec(ModelKind.MTL)
                        .with(ModelSpec.POPULARITY_PRIOR, "true", ModelSpec.LOSS, "softmax-logq");
        TinyWorld world = new TinyWorld(9, 80, 25, 4);
        List<ExampleBatch> batches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batches.add(world.nextBatch(64));
        }
        Path file = dir.resolve("prior.ckpt");
        List<Float> uninterrupted = new ArrayList<>();
        List<ScoredTitle> rankedAfter;
        String user = batches.get(29).userIds()[0];
        try (OnlineTrainer t = new OnlineTrainer(spec, Device.cpu())) {
            for (int i = 0; i < 30; i++) {
                if (i == 20) {
                    Checkpoint.save(t, null, Map.of(), file);
                }
                float loss = t.step(batches.get(i)).loss();
                if (i >= 20) {
                    uninterrupted.add(loss);
                }
            }
            assertThat(t.popularity().weights()).as("weights learned").isNotEqualTo(new float[8]);
            rankedAfter = t.topK(user, batches.get(29).territoryGroups()[0], 10);
        }
        try (OnlineTrainer t = Checkpoint.restore(file, Device.cpu()).trainer()) {
            List<Float> resumed = new ArrayList<>();
            for (int i = 20; i < 30; i++) {
                resumed.add(t.step(batches.get(i)).loss());
            }
            assertThat(resumed).containsExactlyElementsOf(uninterrupted);
            assertThat(t.topK(user, batches.get(29).territoryGroups()[0], 10))
                    .isEqualTo(rankedAfter);
        }
    }

    @Test
    void saveReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.ckpt");
        try (OnlineTrainer t = new OnlineTrainer(spec(ModelKind.BASELINE), Device.cpu())) {
            TinyWorld world = new TinyWorld(3, 50, 20, 4);
            t.step(world.nextBatch(32));
            Checkpoint.save(t, null, Map.of(), file);
            t.step(world.nextBatch(32));
            Checkpoint.save(t, null, Map.of(), file);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(Checkpoint.provenance(file).getProperty(Checkpoint.PROVENANCE_VERSION))
                .isEqualTo("2");
        Checkpoint.Restored r = Checkpoint.restore(file, Device.cpu());
        r.trainer().close();
        assertThat(r.weights()).isNull();
    }

    @Test
    void staleTemporariesOfTheCheckpointAreRemovedAndNothingElse() throws IOException {
        Path file = dir.resolve("model.ckpt");
        Path stale = Checkpoint.createTemporary(file); // what a save killed mid-write leaves
        Files.write(stale, new byte[1024]);
        List<Path> kept =
                List.of(
                        dir.resolve("model.ckpt.bak"),
                        dir.resolve("model.ckpt.tmp"),
                        dir.resolve("other.ckpt123.tmp"),
                        dir.resolve("model.ckpt12x.tmp"),
                        dir.resolve("notes.txt"));
        for (Path p : kept) {
            Files.write(p, new byte[] {1});
        }
        Files.createDirectory(dir.resolve("model.ckpt42.tmp"));

        assertThat(Checkpoint.removeStaleTemporaries(file)).containsExactly(stale);
        assertThat(stale).doesNotExist();
        assertThat(kept).allMatch(Files::exists);
        assertThat(dir.resolve("model.ckpt42.tmp")).isDirectory();
        assertThat(Checkpoint.removeStaleTemporaries(dir.resolve("absent/model.ckpt"))).isEmpty();
    }

    @Test
    void fileThatIsNotACheckpointIsRejected() throws IOException {
        Path file = dir.resolve("junk.ckpt");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> Checkpoint.restore(file, Device.cpu()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a Glocal checkpoint");
    }
}
