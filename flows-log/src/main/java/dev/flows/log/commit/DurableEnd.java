package dev.flows.log.commit;

import dev.flows.api.error.StorageException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable end of one partition: the offset after the last record readers may see, and the place where
 * appenders (waiting for their records to become durable) and readers (waiting for new records) park.
 *
 * <p>Thread-safe. The end only grows. Advancing takes the lock only when someone waits: a waiter counts
 * itself before it reads the end, and an advancer reads the count after it moves the end, so one of the
 * two always sees the other (both fields are atomic). Once failed, the end stops and waiters beyond it
 * get the failure.
 */
public final class DurableEnd {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicLong end;
    private volatile StorageException failure;
    private volatile boolean closed;

    /**
     * @param name  what the end belongs to, for messages, such as {@code channel 'shop' partition 0}
     * @param start the durable end found at open
     */
    public DurableEnd(String name, long start) {
        this.name = name;
        this.end = new AtomicLong(start);
    }

    /** The offset after the last durable record. */
    public long end() {
        return end.get();
    }

    /** Moves the end up to {@code offset}, if it is not there yet, and wakes the waiters. */
    public void advanceTo(long offset) {
        if (end.getAndAccumulate(offset, Math::max) < offset) {
            wakeWaiters();
        }
    }

    /** Stops the end for good: records not durable yet never will be. Wakes every waiter. */
    public void fail(StorageException cause) {
        if (failure == null) {
            failure = cause;
        }
        wakeWaiters();
    }

    /** The failure that stopped the end, or null. */
    public StorageException failure() {
        return failure;
    }

    /** Wakes every waiter for good; {@link #await} returns what it has from now on. */
    public void close() {
        closed = true;
        wakeWaiters();
    }

    /**
     * Parks until a record at {@code offset} or beyond is durable, the timeout passes, or the end closes.
     *
     * @return whether such a record is durable
     * @throws StorageException     if the end failed before reaching {@code offset}
     * @throws InterruptedException if the thread is interrupted while parked
     */
    public boolean await(long offset, long timeoutNanos) throws InterruptedException {
        if (end.get() > offset) {
            return true;
        }
        lock.lock();
        waiters.incrementAndGet();
        try {
            long nanos = timeoutNanos;
            while (end.get() <= offset) {
                throwIfFailed(offset);
                if (closed || nanos <= 0) {
                    return false;
                }
                nanos = advanced.awaitNanos(nanos);
            }
            return true;
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }

    /**
     * Parks, ignoring interrupts (the records are written and cannot be taken back), until the end reaches
     * {@code target}; restores the interrupt flag afterwards.
     *
     * @throws StorageException      if the end failed before reaching {@code target}
     * @throws IllegalStateException if the end was closed before reaching {@code target}
     */
    public void awaitDurable(long target) {
        boolean interrupted = false;
        try {
            while (!awaitOnce(target)) {
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean awaitOnce(long target) {
        try {
            if (await(target - 1, Long.MAX_VALUE)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (closed) {
            throw new IllegalStateException(name + " was closed before offset " + (target - 1)
                    + " became durable, so its append is not acknowledged; append it again after reopening");
        }
        return false;
    }

    /** How many threads are parked here; for tests. */
    int waiting() {
        return waiters.get();
    }

    private void throwIfFailed(long offset) {
        StorageException cause = failure;
        if (cause != null) {
            throw new StorageException(
                    name + " cannot make offset " + offset + " durable: " + cause.getMessage(), cause);
        }
    }

    private void wakeWaiters() {
        if (waiters.get() > 0) {
            lock.lock();
            try {
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
