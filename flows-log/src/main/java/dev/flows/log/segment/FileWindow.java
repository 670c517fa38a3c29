package dev.flows.log.segment;

import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A heap buffer over a range of a file, refilled by positional reads, so that a walk over batches reads
 * the file in large chunks yet sees each batch whole. Starts small and grows its chunks, so a read of a
 * few records near a known position stays cheap. Not thread-safe: one per walk.
 */
final class FileWindow {

    private static final int FIRST_CHUNK_BYTES = 64 << 10;
    private static final int CHUNK_BYTES = 1 << 20;

    private final StorageFile file;
    private final long fileBytes;
    private ByteBuffer buffer;
    private long start;
    private int length;
    private int nextChunk = FIRST_CHUNK_BYTES;

    /** A window over the first {@code fileBytes} bytes of {@code file}, which must hold them. */
    FileWindow(StorageFile file, long fileBytes, ByteBuffer buffer) {
        this.file = file;
        this.fileBytes = fileBytes;
        this.buffer = buffer;
    }

    /** The bytes of the file the window may cover. */
    long fileBytes() {
        return fileBytes;
    }

    /** The buffer, handed back to its pool when the walk is done. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Makes the window hold {@code bytes} bytes from file position {@code position}; the caller has checked
     * that they lie within {@link #fileBytes()}. Returns the buffer, where they start at {@link #indexOf}.
     */
    ByteBuffer cover(long position, int bytes) throws IOException {
        if (position < start || position + bytes > start + length) {
            fill(position, bytes);
        }
        return buffer;
    }

    /** The index in the buffer of file position {@code position}, which the window covers. */
    int indexOf(long position) {
        return (int) (position - start);
    }

    private void fill(long position, int bytes) throws IOException {
        int want = (int) Math.min(Math.max(bytes, nextChunk), fileBytes - position);
        nextChunk = CHUNK_BYTES;
        if (want > buffer.capacity()) {
            buffer = ByteBuffer.allocate(want);
        }
        buffer.clear().limit(want);
        int read = file.read(buffer, position);
        start = position;
        length = read;
        if (read < bytes) {
            throw new IOException("read " + read + " bytes at byte " + position + " where " + bytes
                    + " were expected (was the file truncated by another program?)");
        }
    }
}
