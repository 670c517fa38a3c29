package dev.flows.engine.runtime;

import static dev.flows.engine.runtime.LocalHarness.event;
import static dev.flows.engine.runtime.LocalHarness.eventAtMillis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.PatternStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pattern steps on virtual time: sequences, absence, repetition, within, out-of-order arrival. */
class PatternMatcherTest {

    static final EventTime TWO_SECONDS = new EventTime(null, Duration.ofSeconds(2), Duration.ZERO);

    @TempDir
    Path temp;

    private static PatternStage stage(String name, String condition) {
        return new PatternStage(name, Expression.of(condition), 1, false);
    }

    private static Flow abandonedCheckout() {
        return Flow.named("abandoned")
                .from("in")
                .eventTime(TWO_SECONDS)
                .pattern(
                        "data.order",
                        List.of(
                                stage("checkout", "type == 'checkout'"),
                                new PatternStage("placed", Expression.of("type == 'placed'"), 1, true)),
                        Duration.ofMinutes(30),
                        "checkout.abandoned",
                        Map.of("data.order", "checkout.data.order"))
                .toChannel("out")
                .build();
    }

    private static Event order(String id, String type, String order, long second) {
        return event(id, type, "u1", second, Map.of("order", order));
    }

    @Test
    void shouldReportACheckoutNotFollowedByAnOrderWithinThirtyMinutes() {
        try (var run = new LocalHarness(temp, abandonedCheckout())) {
            run.send(
                    order("1", "checkout", "o1", 0),
                    order("2", "checkout", "o2", 10),
                    order("4", "checkout", "o3", 20),
                    order("3", "placed", "o2", 10 + 1800), // exactly at the bound: counts as placed
                    order("5", "placed", "o3", 20 + 1801)); // one second too late
            run.send(order("6", "other", "x", 4000)); // moves the watermark far past every deadline
            assertThat(run.data("out")).extracting(d -> d.get("order")).containsExactlyInAnyOrder("o1", "o3");
            assertThat(run.read("out")).allSatisfy(e -> assertThat(e.type()).isEqualTo("checkout.abandoned"));
        }
    }

    @Test
    void shouldDecideAnAbsenceOnlyWhenTheWatermarkPassesTheDeadline() {
        try (var run = new LocalHarness(temp, abandonedCheckout())) {
            run.send(order("1", "checkout", "o1", 0), order("2", "x", "y", 1800 + 2)); // watermark = deadline
            assertThat(run.read("out")).isEmpty();
            run.send(order("3", "placed", "o1", 1800)); // on time, at the bound
            run.send(order("4", "x", "y", 1900));
            assertThat(run.read("out")).isEmpty();
        }
    }

    @Test
    void shouldMatchAnOrderThatArrivesBeforeItsCheckoutByEventTime() {
        try (var run = new LocalHarness(temp, abandonedCheckout())) {
            run.send(eventAtMillis("2", "placed", "u1", 1_500, Map.of("order", "o1")));
            run.send(eventAtMillis("1", "checkout", "u1", 1_000, Map.of("order", "o1"))); // arrived late, on time
            run.end();
            assertThat(run.read("out")).isEmpty();
        }
    }

    @Test
    void shouldAlertOnEveryFailureWithEnoughFailuresInTheFiveMinutesBeforeIt() {
        Flow cardTesting = Flow.named("cards")
                .from("in")
                .eventTime(TWO_SECONDS)
                .pattern(
                        "subject",
                        List.of(new PatternStage("fail", Expression.of("type == 'failed'"), 3, false)),
                        Duration.ofSeconds(300),
                        "card.testing",
                        Map.of("data.user", "fail.subject", "data.id", "fail.id"))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, cardTesting)) {
            run.send(
                    event("a", "failed", "u1", 0, Map.of()),
                    event("b", "failed", "u1", 100, Map.of()),
                    event("d", "failed", "u1", 300, Map.of()), // a, b, c, d within [0, 300]: alert
                    event("c", "failed", "u1", 299, Map.of()), // arrives after d but is earlier: alert (a b c)
                    event("e", "failed", "u1", 601, Map.of()), // only itself in [301, 601]
                    event("f", "failed", "u2", 10, Map.of()),
                    event("g", "failed", "u2", 20, Map.of()));
            run.end();
            assertThat(run.data("out"))
                    .extracting(d -> d.get("user") + " " + d.get("id"))
                    .containsExactly("u1 c", "u1 d");
        }
    }

    @Test
    void shouldMatchASequenceWithinItsBoundAndBindEveryStage() {
        Flow funnel = Flow.named("funnel")
                .from("in")
                .eventTime(TWO_SECONDS)
                .pattern(
                        "subject",
                        List.of(
                                stage("view", "type == 'view'"),
                                stage("cart", "type == 'cart'"),
                                stage("buy", "type == 'buy'")),
                        Duration.ofMinutes(10),
                        "funnel.completed",
                        Map.of("data.viewed", "view.id", "data.carted", "cart.id", "data.bought", "buy.id"))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, funnel)) {
            run.send(
                    event("v1", "view", "u1", 0, Map.of()),
                    event("c1", "cart", "u1", 60, Map.of()),
                    event("b1", "buy", "u1", 120, Map.of()),
                    event("v2", "view", "u2", 0, Map.of()),
                    event("c2", "cart", "u2", 60, Map.of()),
                    event("b2", "buy", "u2", 601, Map.of())); // too late for u2's match
            run.end();
            assertThat(run.data("out")).containsExactly(Map.of("viewed", "v1", "carted", "c1", "bought", "b1"));
        }
    }

    @Test
    void shouldDecideAnAbsenceInProcessingTimeAsTheClockMovesWithoutEvents() {
        Flow flow = Flow.named("abandoned")
                .from("in")
                .eventTime(EventTime.PROCESSING)
                .pattern(
                        "data.order",
                        List.of(
                                stage("checkout", "type == 'checkout'"),
                                new PatternStage("placed", Expression.of("type == 'placed'"), 1, true)),
                        Duration.ofMinutes(30),
                        "checkout.abandoned",
                        Map.of("data.order", "checkout.data.order"))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(order("1", "checkout", "o1", 999_999), order("2", "checkout", "o2", 0)); // event times ignored
            run.clock.advanceSeconds(10 * 60);
            run.send(order("3", "placed", "o2", 0));
            run.clock.advanceSeconds(20 * 60);
            run.flow().tick();
            assertThat(run.read("out")).isEmpty(); // the deadline is not passed yet

            run.clock.advanceSeconds(1);
            run.flow().tick();
            assertThat(run.data("out")).containsExactly(Map.of("order", "o1"));
            assertThat(run.read("out").getFirst().time()).isEqualTo(LocalHarness.T0.plusSeconds(1800));
        }
    }

    @Test
    void shouldKeepAtMostTheNewestMatchesInProgressOfOneKey() {
        Flow flow = Flow.named("pairs")
                .from("in")
                .eventTime(TWO_SECONDS)
                .pattern(
                        "subject",
                        List.of(stage("a", "type == 'a'"), stage("b", "type == 'b'")),
                        Duration.ofHours(1),
                        "pair",
                        Map.of("data.a", "a.id"))
                .toChannel("out")
                .build();
        int starts = PatternMatcher.MAX_PARTIALS_PER_KEY + 200;
        try (var run = new LocalHarness(temp, flow)) {
            for (int i = 0; i < starts; i++) {
                run.send(LocalHarness.eventAtMillis("a" + i, "a", "u1", i, Map.of()));
            }
            run.send(LocalHarness.eventAtMillis("b", "b", "u1", starts, Map.of()))
                    .end();
            List<Map<String, Object>> matches = run.data("out");
            assertThat(matches).hasSize(PatternMatcher.MAX_PARTIALS_PER_KEY);
            assertThat(matches)
                    .extracting(d -> d.get("a"))
                    .contains("a" + (starts - 1))
                    .doesNotContain("a0", "a199");
        }
    }
}
