package dev.flows.server.ingest;

import dev.flows.api.channel.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one request's events are to a channel's {@link RecentEvents}: which it must store (their ids are reserved
 * for it), which repeat an earlier event of the same request, and which repeat an event stored, or being stored,
 * by an earlier request. The request must end the claim exactly once: {@link #stored} after its append returned,
 * or {@link #release} if it stores nothing. Used by one request's thread.
 */
public final class DedupeClaim {

    private final RecentEvents owner;
    private final int[] repeatOf;
    private final RecentEvents.Entry[] earlier;
    private final RecentEvents.Entry[] reserved;
    private final List<Integer> toStore = new ArrayList<>();
    private final List<String> reservedKeys = new ArrayList<>();
    private final List<RecentEvents.Entry> reservedEntries = new ArrayList<>();

    DedupeClaim(RecentEvents owner, int events) {
        this.owner = owner;
        this.repeatOf = new int[events];
        this.earlier = new RecentEvents.Entry[events];
        this.reserved = new RecentEvents.Entry[events];
        Arrays.fill(repeatOf, -1);
    }

    void repeatOf(int index, int first) {
        repeatOf[index] = first;
    }

    void earlier(int index, RecentEvents.Entry entry) {
        earlier[index] = entry;
    }

    void reserved(int index, String key, RecentEvents.Entry entry) {
        reserved[index] = entry;
        toStore.add(index);
        reservedKeys.add(key);
        reservedEntries.add(entry);
    }

    /** The indexes of the events this request must store, in request order. */
    public List<Integer> toStore() {
        return toStore;
    }

    /**
     * Waits until every earlier request this one repeats has stored its copy.
     *
     * @return false if one of them failed to store it: release this claim and claim again, so the event is stored
     *     by this request instead
     * @throws TimeoutException if one is still storing after {@code timeout}
     * @throws InterruptedException if the thread is interrupted meanwhile
     */
    public boolean awaitEarlier(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RecentEvents.Entry entry : earlier) {
            if (entry == null) {
                continue;
            }
            try {
                entry.position().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException | CompletionException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the claim once the events of {@link #toStore()} are durable.
     *
     * @param positions where each of them was stored, in the order of {@link #toStore()}
     */
    public void stored(List<Position> positions) {
        for (int i = 0; i < toStore.size(); i++) {
            reserved[toStore.get(i)].position().complete(positions.get(i));
        }
    }

    /** Ends the claim storing nothing: the reserved ids are forgotten and whoever waits on them is told. */
    public void release(Throwable cause) {
        owner.forget(reservedKeys, reservedEntries);
        Throwable reason = cause != null ? cause : new CancellationException("the request stored nothing");
        reservedEntries.forEach(entry -> entry.position().completeExceptionally(reason));
    }

    /** Whether the event at {@code index} was not stored because an earlier copy was. */
    public boolean duplicate(int index) {
        return reserved[index] == null;
    }

    /** Where the event at {@code index}, or its first copy, is stored; call after {@link #stored}. */
    public Position position(int index) {
        int first = repeatOf[index] < 0 ? index : repeatOf[index];
        RecentEvents.Entry entry = reserved[first] != null ? reserved[first] : earlier[first];
        return entry.position().join();
    }
}
