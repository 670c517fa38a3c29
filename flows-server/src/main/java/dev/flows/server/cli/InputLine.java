package dev.flows.server.cli;

import dev.flows.api.event.Event;
import java.time.Duration;

/** One line of the input of {@code flows test}: what the test driver is told to do. */
sealed interface InputLine {

    /** The line's 1-based number in its file. */
    int line();

    /** An event of the flow's source channel. */
    record Source(int line, Event event) implements InputLine {}

    /** An event of the channel the flow's join step reads. */
    record Joined(int line, Event event) implements InputLine {}

    /** Processing time moves on by {@code by}. */
    record Advance(int line, Duration by) implements InputLine {}
}
