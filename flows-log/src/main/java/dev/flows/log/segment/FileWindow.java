package dev.flows.log.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A heap buffer over a range of a file, refilled by positional reads, so that a scan reads a segment in
 * large chunks yet sees each record whole. Not thread-safe: one per scan.
 */
final class FileWindow {

    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
    private long start;
    private int length;

    FileWindow(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Makes the window hold {@code bytes} bytes from file position {@code position}; the caller has checked
     * that the file holds them. Returns the buffer, in which they start at {@link #indexOf}.
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
        if (bytes > buffer.capacity()) {
            buffer = ByteBuffer.allocate(bytes);
        }
        buffer.clear();
        int read = 0;
        while (read >= 0 && buffer.hasRemaining()) {
            read = channel.read(buffer, position + buffer.position());
        }
        start = position;
        length = buffer.position();
        if (length < bytes) {
            throw new IOException(
                    "read " + length + " bytes at byte " + position + " where " + bytes + " were expected");
        }
    }
}
