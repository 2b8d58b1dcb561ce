package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import glocal.model.batch.ExampleBatch;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user's state moves from one trainer to another ({@link OnlineTrainer#exportUserRow}, {@link
 * OnlineTrainer#importUserRow}): what a trainer taking over a partition restores from the
 * changelog.
 */
class UserRowStateTest {

    @TempDir Path dir;

    private static ModelSpec spec() {
        return ModelSpec.defaults(ModelKind.MTL)
                .with(
                        ModelSpec.EMBEDDING_DIM,
                        "16",
                        ModelSpec.OUTPUT_DIM,
                        "16",
                        ModelSpec.TOWER_HIDDEN,
                        "16",
                        ModelSpec.LOSS,
                        "softmax-logq",
                        ModelSpec.USER_HISTORY,
                        "5");
    }

    private static List<ExampleBatch> batches(long seed, int count) {
        TinyWorld world = new TinyWorld(seed, 60, 25, 4);
        List<ExampleBatch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(world.nextBatch(64));
        }
        return out;
    }

    private static Set<String> users(List<ExampleBatch> batches) {
        Set<String> out = new LinkedHashSet<>();
        for (ExampleBatch b : batches) {
            out.addAll(Arrays.asList(b.userIds()));
        }
        return out;
    }

    private static UserRowState throughBytes(UserRowState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.write(out);
        }
        return UserRowState.read(
                state.userId(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void usersDroppedAndImportedThroughBytesTrainOnBitForBitAsIfTheyHadNeverLeft()
            throws IOException {
        List<ExampleBatch> batches = batches(21, 24);
        List<ExampleBatch> first = batches.subList(0, 12);
        List<ExampleBatch> rest = batches.subList(12, 24);
        Path file = dir.resolve("t.ckpt");
        try (OnlineTrainer reference = new OnlineTrainer(spec(), Device.cpu())) {
            first.forEach(reference::step);
            Checkpoint.save(reference, null, Map.of(), file);
            try (OnlineTrainer moved = Checkpoint.restore(file, Device.cpu()).trainer()) {
                Set<String> known = users(first);
                List<UserRowState> states = new ArrayList<>();
                for (String user : known) {
                    UserRowState s = moved.exportUserRow(user);
                    assertThat(s).as(user).isNotNull();
                    assertThat(s.row()).as(user).isNotNull();
                    states.add(throughBytes(s));
                }
                assertThat(moved.dropUsers(known)).isEqualTo(known.size());
                for (String user : known) {
                    assertThat(moved.exportUserRow(user)).as(user).isNull();
                }
                // Back in the reverse order: other rows, the same users.
                for (int i = states.size() - 1; i >= 0; i--) {
                    moved.importUserRow(states.get(i));
                }
                for (ExampleBatch b : rest) {
                    reference.step(b);
                    moved.step(b);
                }
                for (String user : users(batches)) {
                    assertThat(moved.userEmbedding(user, 0))
                            .as(user)
                            .containsExactly(reference.userEmbedding(user, 0));
                    UserRowState a = reference.exportUserRow(user);
                    UserRowState b = moved.exportUserRow(user);
                    assertThat(b.row().steps()).isEqualTo(a.row().steps());
                    assertThat(b.row().mean()).containsExactly(a.row().mean());
                    assertThat(b.history()).containsExactly(a.history());
                    assertThat(b.territory()).isEqualTo(a.territory());
                }
            }
        }
    }

    @Test
    void aDroppedUserSeenAgainStartsOverWithAFreshRow() {
        List<ExampleBatch> batches = batches(22, 6);
        try (OnlineTrainer t = new OnlineTrainer(spec(), Device.cpu())) {
            batches.forEach(t::step);
            ExampleBatch last = batches.get(batches.size() - 1);
            List<String> before = new ArrayList<>();
            for (String user : users(List.of(last))) {
                before.add(user + "=" + t.exportUserRow(user).row().steps());
            }
            t.dropUsers(users(List.of(last)));
            for (String user : users(List.of(last))) {
                assertThat(t.exportUserRow(user)).as(user).isNull();
            }
            t.step(last);
            List<String> after = new ArrayList<>();
            for (String user : users(List.of(last))) {
                int steps = t.exportUserRow(user).row().steps();
                assertThat(steps).as(user).isBetween(0, 1);
                after.add(user + "=" + steps);
            }
            assertThat(after).as("fresh rows: at most one Adam step each").isNotEqualTo(before);
        }
    }

    @Test
    void adaptiveWeightStateMovesWithTheUser() throws IOException {
        AdaptiveWeightsConfig config = AdaptiveWeightsConfig.defaults();
        AdaptiveUserWeights a = new AdaptiveUserWeights(config);
        a.record(new String[] {"u1", "u2", "u1"}, new float[] {0.5f, 0.25f, 0.75f}, 3);
        AdaptiveUserWeights.UserState s = a.exportUser("u1");
        assertThat(s.sum()).isEqualTo(1.25);
        assertThat(s.count()).isEqualTo(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.write(out);
        }
        AdaptiveUserWeights b = new AdaptiveUserWeights(config);
        b.importUser(
                "u1",
                AdaptiveUserWeights.UserState.read(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertThat(b.exportUser("u1")).isEqualTo(s);
        assertThat(b.exportUser("u2")).isNull();
        b.drop(List.of("u1"));
        assertThat(b.exportUser("u1")).isNull();
        assertThat(b.weight("u1")).isEqualTo(1f);
    }
}
