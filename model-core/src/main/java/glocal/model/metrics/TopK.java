package glocal.model.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code k} best of the items offered, in one pass: a heap of at most {@code k} with the worst
 * kept at its head, so each offer costs O(log k) and nothing is sorted but the result.
 *
 * @param <T> the items, ordered by the comparator given (best first)
 */
public final class TopK<T> {

    private final int k;
    private final Comparator<? super T> bestFirst;
    private final PriorityQueue<T> heap;

    /**
     * @param k how many to keep (none when {@code k < 1})
     * @param bestFirst the order of the result; it must break ties for the result to be stable
     */
    public TopK(int k, Comparator<? super T> bestFirst) {
        this.k = k;
        this.bestFirst = bestFirst;
        this.heap = new PriorityQueue<>(Math.max(1, k), bestFirst.reversed());
    }

    /** Keeps {@code item} if it is among the {@code k} best so far. */
    public void offer(T item) {
        if (heap.size() < k) {
            heap.add(item);
        } else if (k > 0 && bestFirst.compare(item, heap.peek()) < 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** The items kept, best first. */
    public List<T> best() {
        List<T> out = new ArrayList<>(heap);
        out.sort(bestFirst);
        return out;
    }
}
