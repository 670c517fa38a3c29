package dev.flows.engine.definition;

import dev.flows.api.flow.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a notification's {@code retry} map ({@code attempts}, {@code backoff}, {@code max-backoff}), the same
 * for every destination that retries (webhook, email); what is left out keeps {@link RetryPolicy#DEFAULT}'s
 * value. Not thread-safe (it reports into its file).
 */
final class RetryReader {

    private final YamlFile file;

    RetryReader(YamlFile file) {
        this.file = file;
    }

    RetryPolicy read(Node node) {
        Optional<MappingNode> map = file.map(
                node,
                "'retry' must be a map with attempts, backoff and max-backoff",
                "retry: { attempts: 5, backoff: 200ms, max-backoff: 30s }");
        if (map.isEmpty()) {
            return RetryPolicy.DEFAULT;
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.RETRY);
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        int attempts = fields.value("attempts").map(this::attempts).orElse(defaults.maxAttempts());
        Duration backoff = fields.value("backoff")
                .flatMap(value -> duration(value, "backoff"))
                .orElse(defaults.initialBackoff());
        Duration maxBackoff = fields.value("max-backoff")
                .flatMap(value -> duration(value, "max-backoff"))
                .orElse(defaults.maxBackoff());
        if (backoff.compareTo(maxBackoff) > 0) {
            file.problem(
                    node,
                    "backoff " + backoff + " is longer than max-backoff " + maxBackoff
                            + "; make max-backoff at least as long as backoff");
        }
        return new RetryPolicy(attempts, backoff, maxBackoff);
    }

    private int attempts(Node node) {
        String expected = "attempts must be a whole number of at least 1 (1 means no retry)";
        Optional<String> text = file.text(node, expected, "attempts: 5");
        try {
            int attempts = text.map(value -> Integer.parseInt(value.strip())).orElse(1);
            if (attempts >= 1) {
                return attempts;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value as written
        }
        file.problem(node, expected + ", found '" + text.orElse("") + "'");
        return 1;
    }

    private Optional<Duration> duration(Node node, String what) {
        return new Scalars(file).duration(node, what);
    }
}
