package dev.flows.log.segment;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Names the files of a partition directory after their segment's base offset, 20 decimal digits (every
 * non-negative long fits), so that name order is offset order: {@code .log} for the segment, {@code .index}
 * for its index, {@code .cleaned} for a segment compaction is writing, {@code .tmp} for a file written
 * before it is renamed into place. Stateless.
 */
public final class SegmentName {

    /** The suffix of segment files. */
    public static final String SUFFIX = ".log";

    /** The suffix of index files. */
    public static final String INDEX_SUFFIX = ".index";

    /** The suffix of a compacted segment not yet swapped in. */
    public static final String CLEANED_SUFFIX = ".cleaned";

    /** The suffix of a file not yet renamed into place. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private static final Pattern SEGMENT = Pattern.compile("\\d{20}\\.log");
    private static final Pattern INDEX = Pattern.compile("\\d{20}\\.index");

    private SegmentName() {}

    /** The file name of the segment that starts at {@code baseOffset}. */
    public static String of(long baseOffset) {
        return "%020d%s".formatted(baseOffset, SUFFIX);
    }

    /** The index file beside {@code segment}. */
    public static Path indexOf(Path segment) {
        return segment.resolveSibling(baseName(segment) + INDEX_SUFFIX);
    }

    /** The file compaction writes before it replaces {@code segment}. */
    public static Path cleanedOf(Path segment) {
        return segment.resolveSibling(baseName(segment) + CLEANED_SUFFIX);
    }

    /** The base offset a segment file name stands for, or empty if the name is not a segment's. */
    public static OptionalLong baseOffsetOf(Path file) {
        return parse(file, SEGMENT);
    }

    /** The base offset an index file name stands for, or empty if the name is not an index's. */
    public static OptionalLong indexBaseOffsetOf(Path file) {
        return parse(file, INDEX);
    }

    /** Whether {@code file} is left over from a write that a crash interrupted: safe to delete at open. */
    public static boolean isLeftover(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(CLEANED_SUFFIX) || name.endsWith(TEMPORARY_SUFFIX);
    }

    private static String baseName(Path segment) {
        String name = segment.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    private static OptionalLong parse(Path file, Pattern pattern) {
        String name = file.getFileName().toString();
        if (!pattern.matcher(name).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(0, 20)));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
