package dev.flows.api.state;

/**
 * The changes a table's changelog holds: versions {@code first} to {@code last}, both included.
 *
 * @param first the version of the oldest change still kept; {@code last + 1} when none is kept
 * @param last  the version of the newest change; 0 when the table never changed
 */
public record ChangeVersions(long first, long last) {

    /** The versions of a table that never changed. */
    public static final ChangeVersions NONE = new ChangeVersions(1, 0);

    /** Whether the changes after {@code version} are all still kept (or not made yet). */
    public boolean keepsAfter(long version) {
        return version >= first - 1;
    }
}
