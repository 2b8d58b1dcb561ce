package glocal.stream.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads of the models asked for from other threads, run on the trainer thread between two batches
 * so they never race the training.
 */
final class Inspections {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Map<String, ModelRun>> models = new AtomicReference<>(Map.of());

    /** Queues {@code task}; it completes when the trainer thread next calls {@link #runPending}. */
    <R> CompletableFuture<R> submit(Function<Map<String, ModelRun>, R> task) {
        CompletableFuture<R> result = new CompletableFuture<>();
        pending.add(
                () -> {
                    try {
                        result.complete(task.apply(models.get()));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
        return result;
    }

    /** The models the tasks see, by name in this order (the primary first). */
    void show(Map<String, ModelRun> byName) {
        models.set(Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
    }

    /** The tasks see no model from now on (the models are being closed). */
    void hide() {
        models.set(Map.of());
    }

    /** Runs the queued tasks on the calling (trainer) thread. */
    void runPending() {
        Runnable task;
        while ((task = pending.poll()) != null) {
            task.run();
        }
    }
}
