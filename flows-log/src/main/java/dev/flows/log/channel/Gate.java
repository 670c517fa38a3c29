package dev.flows.log.channel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets appends into the log until it closes, and lets it close only once the appends inside are done
 * (acknowledged or failed), so no appender is left waiting for a flusher that has stopped.
 *
 * <p>Thread-safe, and without a limit on threads inside (a read-write lock would stop at 65,535, which
 * virtual threads can reach). An appender counts itself in before it reads the closed flag, and the closer
 * sets the flag before it reads the count (both atomic), so either the appender backs out or the closer
 * waits for it.
 */
public final class Gate {

    private final String what;
    private final AtomicLong inside = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private volatile boolean closed;

    /** @param what the thing the gate guards, for messages, such as {@code the embedded log at /data} */
    public Gate(String what) {
        this.what = what;
    }

    /**
     * Enters; pair with {@link #exit()} in a finally block.
     *
     * @throws IllegalStateException if the gate is closed
     */
    public void enter(String action) {
        inside.incrementAndGet();
        if (closed) {
            exit();
            throw closedFor(action);
        }
    }

    /** Leaves after {@link #enter}. */
    public void exit() {
        if (inside.decrementAndGet() == 0 && closed) {
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Throws if the gate is closed; for operations that need not hold it open.
     *
     * @throws IllegalStateException if the gate is closed
     */
    public void checkOpen(String action) {
        if (closed) {
            throw closedFor(action);
        }
    }

    /**
     * Closes the gate and waits, ignoring interrupts, until every thread inside has left.
     *
     * @return true the first time, false if it was closed already
     */
    public boolean close() {
        lock.lock();
        try {
            boolean first = !closed;
            closed = true;
            while (inside.get() > 0) {
                drained.awaitUninterruptibly();
            }
            return first;
        } finally {
            lock.unlock();
        }
    }

    private IllegalStateException closedFor(String action) {
        return new IllegalStateException(
                "cannot " + action + ": " + what + " is closed; open the directory again with EmbeddedLog.open");
    }
}
