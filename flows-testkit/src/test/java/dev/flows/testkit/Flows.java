package dev.flows.testkit;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The flow files under {@code src/test/resources/flows}, as the tests' classpath holds them. */
final class Flows {

    private Flows() {}

    static Path file(String name) {
        try {
            return Path.of(Flows.class.getResource("/flows/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test flow file " + name + " is not on the classpath", e);
        }
    }
}
