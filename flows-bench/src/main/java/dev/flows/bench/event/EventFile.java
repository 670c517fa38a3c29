package dev.flows.bench.event;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a JSON-lines file (what {@code GenEvents.java} writes) into {@link Events}, one array per line, before
 * anything is timed. Streams through a 1 MiB buffer so that the file is never held twice: the peak memory a
 * benchmark reports is the events plus the system under test. Stateless.
 */
public final class EventFile {

    private static final int BUFFER_BYTES = 1 << 20;

    private EventFile() {}

    /**
     * Loads every non-empty line of {@code file}; a trailing {@code \r} is dropped.
     *
     * @throws ConfigurationException if the file does not exist or holds no line
     * @throws FlowsException if it cannot be read
     */
    public static Events load(Path file) {
        List<byte[]> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            split(in, lines);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("the input file " + file + " does not exist; generate one with"
                    + " `java shared/bench/GenEvents.java 1000000 42 > " + file + "` or give another --input");
        } catch (IOException e) {
            throw new FlowsException(
                    "could not read the input file " + file + ": " + e + "; check that it is a readable file", e);
        }
        if (lines.isEmpty()) {
            throw new ConfigurationException("the input file " + file + " holds no event; give a file with one"
                    + " JSON event a line, as GenEvents.java writes");
        }
        long bytes = 0;
        for (byte[] line : lines) {
            bytes += line.length;
        }
        return new Events(lines.toArray(byte[][]::new), bytes);
    }

    private static void split(InputStream in, List<byte[]> lines) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int filled = 0;
        int scanned = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer, filled, buffer.length - filled)) {
            filled += read;
            int start = 0;
            for (int i = scanned; i < filled; i++) {
                if (buffer[i] == '\n') {
                    add(buffer, start, i, lines);
                    start = i + 1;
                }
            }
            System.arraycopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            scanned = filled;
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
        }
        add(buffer, 0, filled, lines);
    }

    private static void add(byte[] buffer, int from, int to, List<byte[]> lines) {
        int end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
        if (end > from) {
            lines.add(Arrays.copyOfRange(buffer, from, end));
        }
    }
}
