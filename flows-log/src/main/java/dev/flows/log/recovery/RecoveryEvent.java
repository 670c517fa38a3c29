package dev.flows.log.recovery;

import java.nio.file.Path;

/**
 * Something the log found wrong in a partition's files, and what it did: at open (recovery), or when a
 * read met damage. The server logs each once; {@link #message()} says what happened, where, and what (if
 * anything) to do.
 */
public sealed interface RecoveryEvent permits TornTail, DamagedRange, IndexRebuilt, CheckpointIgnored {

    /** The channel's name. */
    String channel();

    /** The partition, 0-based. */
    int partition();

    /** The file concerned. */
    Path file();

    /** The byte position in {@link #file()} where the trouble starts. */
    long position();

    /** A one-line account for an operator. */
    String message();
}
