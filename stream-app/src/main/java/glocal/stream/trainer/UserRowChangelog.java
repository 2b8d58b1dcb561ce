package glocal.stream.trainer;

import glocal.model.train.OnlineTrainer;
import glocal.model.train.UserRowState;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.stream.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The user rows of a trainer in a group, on {@code trainer-user-rows}: partition {@code p} holds
 * the users of {@code training-batches} partition {@code p} (every example of a user lands on one
 * partition), keyed by user id, the value the user's row state in the trainer ({@link
 * UserRowState}: embedding row, Adam state, groups, history) and adaptive-weight state. The users a
 * trainer trained since its last commit are written in its transaction, with its outputs and
 * offsets; a trainer that takes a partition over reads it to the end (read_committed) before it
 * trains it. A user with neither row nor weight state is a tombstone.
 *
 * <p>Every record carries its writer's {@code glocal.application.id} in header {@value
 * #APPLICATION_HEADER}: the topic has one name for every application on a broker, so a trainer that
 * finds another application's rows stops rather than mixing its users with another's.
 */
final class UserRowChangelog implements AutoCloseable {

    private static final byte FORMAT = 1;

    /** The header naming the application that wrote a record. */
    static final String APPLICATION_HEADER = "glocal.application.id";

    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> restore;
    private final BooleanSupplier running;
    private final String applicationId;
    private final byte[] applicationHeader;
    private final Map<Integer, Set<String>> owned = new HashMap<>();
    private final Map<Integer, Set<String>> touched = new HashMap<>();

    UserRowChangelog(
            Producer<String, byte[]> producer,
            Consumer<String, byte[]> restore,
            BooleanSupplier running,
            String applicationId) {
        this.applicationId = applicationId;
        this.applicationHeader = applicationId.getBytes(StandardCharsets.UTF_8);
        this.producer = producer;
        this.restore = restore;
        this.running = running;
    }

    /** The batch's users (of {@code training-batches} partition {@code partition}) were trained. */
    void trained(int partition, String[] userIds) {
        Set<String> t = touched.computeIfAbsent(partition, p -> new LinkedHashSet<>());
        Set<String> o = owned.computeIfAbsent(partition, p -> new LinkedHashSet<>());
        for (String id : userIds) {
            t.add(id);
            o.add(id);
        }
    }

    /**
     * Sends the state of every user trained since the last call (into the open transaction).
     *
     * @return the records sent
     */
    int writeTouched(OnlineTrainer trainer, AdaptiveUserWeights weights) {
        int sent = 0;
        for (Map.Entry<Integer, Set<String>> e : touched.entrySet()) {
            for (String user : e.getValue()) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(
                                Topics.TRAINER_USER_ROWS,
                                e.getKey(),
                                user,
                                encode(trainer.exportUserRow(user), weights.exportUser(user)));
                record.headers().add(APPLICATION_HEADER, applicationHeader);
                producer.send(record);
                sent++;
            }
        }
        touched.clear();
        return sent;
    }

    /** Forgets what was trained since the last commit (the transaction was aborted). */
    void discardTouched() {
        touched.clear();
    }

    /** The users of the partition, which this trainer no longer owns. */
    Set<String> release(int partition) {
        touched.remove(partition);
        Set<String> users = owned.remove(partition);
        return users == null ? Set.of() : users;
    }

    /**
     * Reads partition {@code partition} to its end (read_committed) and puts every user's state
     * into the trainer and the weights.
     *
     * @return the users restored
     */
    int restore(int partition, OnlineTrainer trainer, AdaptiveUserWeights weights) {
        TopicPartition tp = new TopicPartition(Topics.TRAINER_USER_ROWS, partition);
        restore.assign(List.of(tp));
        restore.seekToBeginning(List.of(tp));
        long end = restore.endOffsets(List.of(tp), Duration.ofSeconds(60)).get(tp);
        Map<String, byte[]> latest = new LinkedHashMap<>();
        while (restore.position(tp, Duration.ofSeconds(60)) < end) {
            if (!running.getAsBoolean()) {
                throw new TrainingInput.StoppedWhileWaiting();
            }
            for (ConsumerRecord<String, byte[]> r : restore.poll(Duration.ofMillis(200))) {
                checkWriter(r);
                latest.remove(r.key()); // keep the order of the latest writes
                latest.put(r.key(), r.value());
            }
        }
        restore.assign(List.of());
        Set<String> users = owned.computeIfAbsent(partition, p -> new LinkedHashSet<>());
        int restored = 0;
        for (Map.Entry<String, byte[]> e : latest.entrySet()) {
            String user = e.getKey();
            if (e.getValue() == null) {
                trainer.dropUsers(List.of(user));
                weights.drop(List.of(user));
                continue;
            }
            State s = decode(user, e.getValue());
            if (s.row() != null) {
                trainer.importUserRow(s.row());
            } else {
                trainer.dropUsers(List.of(user));
            }
            weights.importUser(user, s.weight());
            users.add(user);
            restored++;
        }
        return restored;
    }

    private void checkWriter(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(APPLICATION_HEADER);
        String writer = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        if (!applicationId.equals(writer)) {
            throw new TrainerException(
                    Topics.TRAINER_USER_ROWS
                            + " partition "
                            + r.partition()
                            + " offset "
                            + r.offset()
                            + " holds user "
                            + r.key()
                            + " written by "
                            + (writer == null ? "no application" : "application '" + writer + "'")
                            + ", not this trainer's '"
                            + applicationId
                            + "' (glocal.application.id): only one application's trainers may run"
                            + " with glocal.trainer.group.enabled on one broker");
        }
    }

    /** A user's state as the changelog holds it; either part may be null. */
    record State(UserRowState row, AdaptiveUserWeights.UserState weight) {}

    /** The value for a user's state; null (a tombstone) when both parts are null. */
    static byte[] encode(UserRowState row, AdaptiveUserWeights.UserState weight) {
        if (row == null && weight == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(row != null);
            if (row != null) {
                row.write(out);
            }
            out.writeBoolean(weight != null);
            if (weight != null) {
                weight.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static State decode(String userId, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new TrainerException(
                        Topics.TRAINER_USER_ROWS
                                + " holds user "
                                + userId
                                + " in format "
                                + format
                                + "; this build reads format "
                                + FORMAT);
            }
            UserRowState row = in.readBoolean() ? UserRowState.read(userId, in) : null;
            AdaptiveUserWeights.UserState weight =
                    in.readBoolean() ? AdaptiveUserWeights.UserState.read(in) : null;
            return new State(row, weight);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read user " + userId + " from " + Topics.TRAINER_USER_ROWS, e);
        }
    }

    /** Users owned, over every partition (for the log). */
    int ownedUsers() {
        return owned.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        restore.close();
    }
}
