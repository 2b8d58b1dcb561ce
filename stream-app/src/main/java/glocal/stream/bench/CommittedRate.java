package glocal.stream.bench;

import glocal.stream.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a Kafka Streams application works through the views topic, read from what it commits:
 * the sum of its committed offsets on {@link Topics#VIEWS}, polled every 100 ms, from the start of
 * the run to the commit that covers every view; and the CPU time of its stream threads (not their
 * producer or consumer I/O threads), which does not depend on what else the machine runs the way
 * events/s does. The sustained figures start at the first commit past {@code warmUpShare} of the
 * views (JIT compilation, store memtables and producer buffers filling before it).
 *
 * @param events views committed
 * @param seconds from the start of the measurement to the last commit
 * @param cpuNanos stream-thread CPU over that time
 * @param warmUpEvents views committed when the sustained part began (-1 when it never began)
 * @param sustainedSeconds seconds of the sustained part
 * @param sustainedCpuNanos stream-thread CPU of the sustained part
 */
public record CommittedRate(
        long events,
        double seconds,
        long cpuNanos,
        long warmUpEvents,
        double sustainedSeconds,
        long sustainedCpuNanos) {

    public double eventsPerSecond() {
        return events / seconds;
    }

    public double cpuMicrosPerEvent() {
        return cpuNanos / 1e3 / events;
    }

    public double coreShare() {
        return cpuNanos / 1e9 / seconds;
    }

    public boolean hasSustained() {
        return warmUpEvents > 0;
    }

    public double sustainedEventsPerSecond() {
        return (events - warmUpEvents) / sustainedSeconds;
    }

    public double sustainedCpuMicrosPerEvent() {
        return sustainedCpuNanos / 1e3 / (events - warmUpEvents);
    }

    public double sustainedCoreShare() {
        return sustainedCpuNanos / 1e9 / sustainedSeconds;
    }

    /**
     * Waits until the application {@code applicationId} has committed {@code events} views.
     *
     * @param streamThreads the names of its stream threads (Kafka Streams names them {@code
     *     <application.id>-<uuid>-StreamThread-<n>})
     * @param failure the application's failure, or null while it runs
     */
    public static CommittedRate measure(
            Admin admin,
            String applicationId,
            Pattern streamThreads,
            long events,
            double warmUpShare,
            Duration timeout,
            Supplier<Throwable> failure)
            throws InterruptedException, ExecutionException {
        long cpuStart = streamThreadCpuNanos(streamThreads);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long committed = 0;
        long warmCommitted = -1;
        long warmNanos = 0;
        long warmCpu = 0;
        while (committed < events) {
            if (System.nanoTime() > deadline || failure.get() != null) {
                throw new IllegalStateException(
                        applicationId + " committed only " + committed + " of " + events + " views",
                        failure.get());
            }
            Thread.sleep(100); // polling committed offsets, not waiting for a result
            committed = committedViews(admin, applicationId);
            if (warmCommitted < 0 && committed >= warmUpShare * events && committed < events) {
                warmCommitted = committed;
                warmNanos = System.nanoTime();
                warmCpu = streamThreadCpuNanos(streamThreads);
            }
        }
        long end = System.nanoTime();
        long cpuEnd = streamThreadCpuNanos(streamThreads);
        return new CommittedRate(
                committed,
                (end - start) / 1e9,
                cpuEnd - cpuStart,
                warmCommitted,
                (end - warmNanos) / 1e9,
                cpuEnd - warmCpu);
    }

    /** The sum of the offsets {@code applicationId} has committed on {@link Topics#VIEWS}. */
    public static long committedViews(Admin admin, String applicationId)
            throws InterruptedException, ExecutionException {
        long committed = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getKey().topic().equals(Topics.VIEWS) && e.getValue() != null) {
                committed += e.getValue().offset();
            }
        }
        return committed;
    }

    private static long streamThreadCpuNanos(Pattern streamThreads) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && streamThreads.matcher(info.getThreadName()).matches()) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
