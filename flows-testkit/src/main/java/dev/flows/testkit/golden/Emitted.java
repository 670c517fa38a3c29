package dev.flows.testkit.golden;

import java.util.Map;
import java.util.Objects;

/**
 * One thing a flow emitted, as one line of golden output: where it went and what is compared there.
 *
 * <ul>
 *   <li>an event appended to a channel: {@code {"channel": "alerts", "type": "...", "data": {...}}};
 *   <li>a call of a webhook destination: {@code {"webhook": "https://...", "type": "...", "data": {...}}};
 *   <li>a row of a table, as the flow left it: {@code {"table": "revenue", "key": "u1", "row": {...}}}.
 * </ul>
 *
 * Only type and data (or key and row) are compared: ids, times and the other attributes of emitted events
 * depend on the input's and would make every golden file brittle.
 *
 * @param target   where it went: {@code channel alerts}, {@code webhook https://...} or {@code table revenue}
 * @param compared the compared members in plain Java form: {@code type} and {@code data}, or {@code key} and
 *     {@code row}
 * @param line     its 1-based line in the golden file it was read from or would be written to
 */
public record Emitted(String target, Map<String, Object> compared, int line) {

    /** The kind of target of a channel event. */
    public static final String CHANNEL = "channel";

    /** The kind of target of a webhook call. */
    public static final String WEBHOOK = "webhook";

    /** The kind of target of a table row. */
    public static final String TABLE = "table";

    public Emitted {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(compared, "compared");
    }

    /** The kind of target: {@link #CHANNEL}, {@link #WEBHOOK} or {@link #TABLE}. */
    public String kind() {
        return target.substring(0, target.indexOf(' '));
    }

    /** The target's name: the channel, URL or table. */
    public String name() {
        return target.substring(target.indexOf(' ') + 1);
    }

    /** What equality looks at: the compared members with keys sorted and numbers normalized. */
    public String canonical() {
        return CanonicalJson.of(compared);
    }
}
