package dev.flows.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The repository's {@code examples/shop} flow directory, copied for a test with its webhooks pointed at the
 * test's receiver (the big-orders one at the URL given, the others at their own paths on the same receiver), so the example the README runs is the one the tests prove.
 */
public final class ShopExample {

    static final String DEFAULT_WEBHOOK = "http://127.0.0.1:9090/big-orders";

    /** Where every webhook of the example posts by default, whatever its path. */
    static final String DEFAULT_RECEIVER = "http://127.0.0.1:9090/";

    private ShopExample() {}

    static Path copyTo(Path target, String webhookUrl) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source())) {
            for (Path file : files.toList()) {
                String text = Files.readString(file)
                        .replace(DEFAULT_WEBHOOK, webhookUrl)
                        .replace(
                                DEFAULT_RECEIVER,
                                URI.create(webhookUrl).resolve("/").toString());
                Files.writeString(target.resolve(file.getFileName()), text);
            }
        }
        return target;
    }

    /** examples/shop, found from the module directory Maven runs tests in. */
    public static Path source() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/shop"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "examples/shop not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples/shop");
    }
}
