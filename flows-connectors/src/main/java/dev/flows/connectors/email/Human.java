package dev.flows.connectors.email;

import java.time.Duration;

/** Renders a duration for people reading a log line or a give-up reason: {@code 200 ms}, {@code 10 s}. */
final class Human {

    private Human() {}

    static String of(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 && millis != 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
