package dev.flows.engine.definition;

import dev.flows.api.flow.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a destination's {@code retry} map ({@code attempts}, {@code backoff}, {@code max-backoff}) into a
 * {@link RetryPolicy}, each key left out taking the destination's default: {@link RetryPolicy#DEFAULT} for
 * notifications (webhook, email), the database default for databases. Not thread-safe (it reports into its file).
 */
final class RetryReader {

    private final YamlFile file;

    RetryReader(YamlFile file) {
        this.file = file;
    }

    RetryPolicy read(Node node) {
        return read(node, RetryPolicy.DEFAULT);
    }

    RetryPolicy read(Node node, RetryPolicy defaults) {
        String example = "retry: { attempts: " + defaults.maxAttempts() + ", backoff: 200ms, max-backoff: 10s }";
        Optional<MappingNode> map =
                file.map(node, "'retry' must be a map with attempts, backoff and max-backoff", example);
        if (map.isEmpty()) {
            return defaults;
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.RETRY);
        Scalars scalars = new Scalars(file);
        int attempts = fields.value("attempts")
                .flatMap(value -> scalars.wholeNumber(
                        value, "attempts (1 means no retry)", 1, 1_000, "attempts: " + defaults.maxAttempts()))
                .map(Long::intValue)
                .orElse(defaults.maxAttempts());
        Duration backoff = fields.value("backoff")
                .flatMap(value -> scalars.duration(value, "backoff"))
                .orElse(defaults.initialBackoff());
        Duration maxBackoff = fields.value("max-backoff")
                .flatMap(value -> scalars.duration(value, "max-backoff"))
                .orElse(defaults.maxBackoff());
        if (backoff.compareTo(maxBackoff) > 0) {
            file.problem(
                    node,
                    "backoff " + backoff + " is longer than max-backoff " + maxBackoff
                            + "; make max-backoff at least as long as backoff");
            return defaults;
        }
        return new RetryPolicy(attempts, backoff, maxBackoff);
    }
}
