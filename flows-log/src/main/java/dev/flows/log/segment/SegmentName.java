package dev.flows.log.segment;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Names segment files after their base offset: 20 decimal digits (every non-negative long fits), then
 * {@code .log}, so that name order is offset order. Stateless.
 */
public final class SegmentName {

    /** The suffix of segment files; index files of a later version get their own. */
    public static final String SUFFIX = ".log";

    private static final Pattern NAME = Pattern.compile("\\d{20}\\.log");

    private SegmentName() {}

    /** The file name of the segment that starts at {@code baseOffset}. */
    public static String of(long baseOffset) {
        return "%020d%s".formatted(baseOffset, SUFFIX);
    }

    /** The base offset a segment file name stands for, or empty if the name is not a segment's. */
    public static OptionalLong baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        if (!NAME.matcher(name).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(0, 20)));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
