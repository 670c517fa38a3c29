package dev.flows.server.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do with a channel (or the table of that name). {@link #ADMIN} includes the other two. */
public enum Verb {
    /** Append events. */
    PRODUCE,
    /** Read events, stream them, consume in groups and queues, read tables. */
    CONSUME,
    /** Everything, plus managing channels, queues and groups, and listing flows. */
    ADMIN;

    /** Whether holding this verb allows {@code wanted}. */
    boolean includes(Verb wanted) {
        return this == wanted || this == ADMIN;
    }

    /** The verb as scopes write it, lower case. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Verb> parse(String text) {
        for (Verb verb : values()) {
            if (verb.text().equals(text)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
