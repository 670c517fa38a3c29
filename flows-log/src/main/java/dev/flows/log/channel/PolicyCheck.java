package dev.flows.log.channel;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded log's limits on a channel's policy, checked when the channel opens: every problem at once,
 * each naming where the channel was declared. Stateless.
 */
public final class PolicyCheck {

    /** The smallest segment size: 1 KiB, for tests; real logs want megabytes. */
    public static final long SEGMENT_BYTES_MIN = 1L << 10;

    /** The largest segment size: 1 GiB, so positions within a segment fit an int. */
    public static final long SEGMENT_BYTES_MAX = 1L << 30;

    private PolicyCheck() {}

    /**
     * Checks the policy of {@code definition}.
     *
     * @throws ConfigurationException listing each setting the log cannot honour
     */
    public static void check(ChannelDefinition definition) {
        ChannelPolicy policy = definition.policy();
        String where = ChannelName.where(definition) + "channel '" + definition.name() + "': ";
        List<String> problems = new ArrayList<>();
        if (policy.segmentBytes() < SEGMENT_BYTES_MIN || policy.segmentBytes() > SEGMENT_BYTES_MAX) {
            problems.add(where + "segment size " + policy.segmentBytes() + " bytes is outside " + SEGMENT_BYTES_MIN
                    + " to " + SEGMENT_BYTES_MAX + " (1 KiB to 1 GiB); use for example 64MiB, the default");
        }
        if (!isPositive(policy.segmentAge())) {
            problems.add(where + "segment age " + policy.segmentAge() + " is not positive; use for example 7d");
        }
        if (policy.retentionAge() != null && !isPositive(policy.retentionAge())) {
            problems.add(where + "retention age " + policy.retentionAge()
                    + " is not positive; leave it out to keep records forever, or use for example 30d");
        }
        if (policy.retentionBytes() < -1) {
            problems.add(where + "retention size " + policy.retentionBytes()
                    + " is negative; leave it out (-1) to keep everything, or use for example 10GiB");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems));
        }
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isZero() && !duration.isNegative();
    }
}
