package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.RandomEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds the lazy variables ({@link EventVariables#ofJson}, {@link RawEventVariables}) to {@code
 * EventVariables.of(JsonEventFormat.decode(bytes))} on random events: every variable equal, in CEL form, read in
 * a random order. Prints its seed; rerun a failure with {@code -Dflows.seed=<seed>}.
 */
class RawEventVariablesDifferentialTest {

    private static final int EVENTS = 5_000;

    private final JsonEventFormat format = new JsonEventFormat();

    @Test
    void shouldBindTheVariablesDecodeAndOfWouldBind() {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("RawEventVariablesDifferentialTest seed: " + seed);
        Random random = new Random(seed);
        RandomEvents events = new RandomEvents(random);
        RawEventVariables reused = new RawEventVariables();
        for (int i = 0; i < EVENTS; i++) {
            byte[] bytes = format.encode(events.next());
            Event decoded = format.decode(bytes);
            Map<String, Object> expected = EventVariables.of(decoded);
            Map<String, Object> lazy = random.nextBoolean()
                    ? EventVariables.ofJson(bytes, 0, bytes.length)
                    : reused.reset(bytes, 0, bytes.length);
            String context = new String(bytes, StandardCharsets.UTF_8) + " (seed " + seed + ", event " + i + ")";

            for (int v = 0; v < EventVariables.NAMES.size(); v++) {
                String name = EventVariables.NAMES.get(random.nextInt(EventVariables.NAMES.size()));
                assertThat(lazy.get(name)).as(name + " of " + context).isEqualTo(expected.get(name));
            }
            assertThat(lazy).as(context).isEqualTo(expected);
            assertThat(lazy.keySet()).as(context).isEqualTo(expected.keySet());
            if (!(decoded.data() instanceof byte[])) {
                assertThat(((RawEventVariables) lazy).event()).as(context).isEqualTo(decoded);
            }
        }
    }
}
