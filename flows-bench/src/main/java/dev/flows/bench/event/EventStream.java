package dev.flows.bench.event;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JSON-lines file read on a thread of its own, while the caller processes: the reader splits the file into
 * one array per line and hands them over in chunks through a small bounded queue, so that reading and
 * splitting overlap with the work and memory stays a few MiB whatever the file's size. Empty lines are
 * skipped and a trailing {@code \r} dropped, as {@link EventFile} does.
 *
 * <p>One consumer thread calls {@link #next}; {@link #close} may come from it at any time and stops the
 * reader.
 */
public final class EventStream implements AutoCloseable {

    /** What the reader asks the file for at a time; larger reads cost no more and make fewer calls. */
    private static final int BUFFER_BYTES = 4 << 20;

    /** Lines per chunk handed over: about 1 MiB of events, so the queue is touched rarely. */
    private static final int CHUNK_LINES = 4096;

    /** Chunks in flight: enough for the reader to run ahead of a stall, little enough for a small heap. */
    private static final int QUEUE_CHUNKS = 8;

    private static final long OFFER_WAIT_MS = 50;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LINE_FEEDS = 0x0a0a_0a0a_0a0a_0a0aL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final byte[][] END = new byte[0][];

    private final Path file;
    private final InputStream in;
    private final long maxLines;
    private final BlockingQueue<byte[][]> chunks = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;
    private boolean ended;

    private EventStream(Path file, InputStream in, long maxLines) {
        this.file = file;
        this.in = in;
        this.maxLines = maxLines;
        this.reader = Thread.ofPlatform().name("bench-reader").daemon().unstarted(this::read);
    }

    /**
     * Starts reading {@code file}.
     *
     * @param maxLines the most lines to give, {@code Long.MAX_VALUE} for all
     * @throws ConfigurationException if the file does not exist
     * @throws FlowsException if it cannot be opened
     */
    public static EventStream open(Path file, long maxLines) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("the input file " + file + " does not exist; generate one with"
                    + " `java shared/bench/GenEvents.java 1000000 42 > " + file + "` or give another --input");
        } catch (IOException e) {
            throw new FlowsException(
                    "could not open the input file " + file + ": " + e + "; check that it is a" + " readable file", e);
        }
        EventStream stream = new EventStream(file, in, maxLines);
        stream.reader.start();
        return stream;
    }

    /**
     * The next lines, in file order, waiting for the reader if need be; null once every line was given.
     *
     * @throws FlowsException if reading the file failed
     */
    public byte[][] next() throws InterruptedException {
        if (ended) {
            return null;
        }
        byte[][] chunk = chunks.take();
        if (chunk == END) {
            ended = true;
            if (failure != null) {
                throw new FlowsException(
                        "could not read the input file " + file + ": " + failure + "; check that it is readable",
                        failure);
            }
            return null;
        }
        return chunk;
    }

    /**
     * Stops the reader and waits for it, which takes at most one read of the file and one wait on the queue.
     * An interrupt meanwhile is kept for the caller to see.
     */
    @Override
    public void close() {
        closed = true;
        chunks.clear(); // a reader blocked on a full queue sees the flag at its next offer
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try (in) {
            split();
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            hand(END);
        }
    }

    private void split() throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        Chunker chunker = new Chunker();
        int filled = 0;
        for (int read = in.read(buffer);
                read >= 0 && !chunker.full();
                read = in.read(buffer, filled, buffer.length - filled)) {
            int scanFrom = filled;
            filled += read;
            int start = lines(buffer, scanFrom, filled, chunker);
            System.arraycopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
        }
        if (!chunker.full()) {
            chunker.add(buffer, 0, filled);
        }
        chunker.flush();
    }

    /**
     * Adds the lines ending in {@code buffer[from, to)} (those that start at index 0 of the buffer); returns
     * where the first unfinished line starts. Looks at 8 bytes at a time for a line feed (a SWAR zero-byte
     * test, as {@link SubjectScan} does), a few times faster than byte by byte, which made the reader slower
     * than the flows it feeds.
     */
    private static int lines(byte[] buffer, int from, int to, Chunker chunker) {
        int start = 0;
        int i = from;
        for (; i + Long.BYTES <= to && !chunker.full(); i += Long.BYTES) {
            long x = (long) LONGS.get(buffer, i) ^ LINE_FEEDS;
            // A high bit for each zero byte of x, lowest first; those above a true one may be false alarms.
            for (long found = (x - ONES) & ~x & HIGHS; found != 0; found &= found - 1) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                if (buffer[at] == '\n') {
                    chunker.add(buffer, start, at);
                    start = at + 1;
                }
            }
        }
        for (; i < to && !chunker.full(); i++) {
            if (buffer[i] == '\n') {
                chunker.add(buffer, start, i);
                start = i + 1;
            }
        }
        return start;
    }

    /** Puts a chunk on the queue unless the stream was closed; false if it was. */
    private boolean hand(byte[][] chunk) {
        try {
            while (!closed) {
                if (chunks.offer(chunk, OFFER_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Collects lines into chunks and hands each over when full. Confined to the reader thread. */
    private final class Chunker {

        private byte[][] lines = new byte[CHUNK_LINES][];
        private int size;
        private long given;

        /** Whether the stream has given {@code maxLines} lines, or was closed. */
        boolean full() {
            return given >= maxLines || closed;
        }

        void add(byte[] buffer, int from, int to) {
            if (full()) {
                return; // the last 8 bytes scanned may end more lines than were asked for
            }
            int end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
            if (end == from) {
                return;
            }
            lines[size++] = Arrays.copyOfRange(buffer, from, end);
            given++;
            if (size == lines.length) {
                flush();
            }
        }

        void flush() {
            if (size > 0 && hand(size == lines.length ? lines : Arrays.copyOf(lines, size))) {
                lines = new byte[CHUNK_LINES][];
            }
            size = 0;
        }
    }
}
