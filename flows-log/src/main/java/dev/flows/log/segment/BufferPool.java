package dev.flows.log.segment;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few reusable buffers, so appends encode and reads decode without a fresh buffer per call. Lock-free and
 * thread-safe; keeps at most {@code keep} buffers of at most {@link #KEEP_MAX_BYTES} each, and hands out a
 * new buffer when none fits.
 */
public final class BufferPool {

    /** Larger buffers go to the garbage collector rather than back to the pool. */
    public static final int KEEP_MAX_BYTES = 8 << 20;

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final boolean direct;
    private final int keep;

    /**
     * @param direct whether to allocate direct buffers (for writes: no copy into a temporary direct buffer)
     * @param keep   how many buffers to keep at most
     */
    public BufferPool(boolean direct, int keep) {
        this.direct = direct;
        this.keep = keep;
    }

    /** A cleared buffer of at least {@code bytes} bytes; give it back when done. */
    public ByteBuffer take(int bytes) {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            size.decrementAndGet();
            if (buffer.capacity() >= bytes) {
                return buffer.clear();
            }
        }
        int capacity = bytes <= 64 << 10 ? 64 << 10 : Integer.highestOneBit(bytes - 1) << 1;
        if (capacity < bytes) {
            capacity = bytes;
        }
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** Hands {@code buffer} back; the caller must not use it any more. */
    public void give(ByteBuffer buffer) {
        if (buffer.isDirect() == direct && buffer.capacity() <= KEEP_MAX_BYTES && size.incrementAndGet() <= keep) {
            free.offer(buffer);
        } else if (buffer.isDirect() == direct && buffer.capacity() <= KEEP_MAX_BYTES) {
            size.decrementAndGet();
        }
    }
}
