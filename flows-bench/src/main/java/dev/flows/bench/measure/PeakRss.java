package dev.flows.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's peak resident set size, from Linux's {@code /proc/self/status} ({@code VmHWM}), and its reset
 * through {@code /proc/self/clear_refs}, so that each durability mode reports its own peak. Stateless.
 */
public final class PeakRss {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** What {@code clear_refs} takes to reset the peak RSS (Linux 4.0 and later). */
    private static final String RESET_PEAK = "5";

    private PeakRss() {}

    /** The peak RSS in MiB, or empty where {@code /proc} does not tell (not Linux). */
    public static OptionalLong megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return OptionalLong.of(Math.round(kilobytes / 1024.0));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Resets the peak to the current RSS.
     *
     * @return false if the system refused (not Linux, or too old), so the next peak includes earlier ones
     */
    public static boolean reset() {
        try {
            Files.writeString(CLEAR_REFS, RESET_PEAK);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
