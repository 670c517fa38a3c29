package dev.flows.engine.runtime;

import static dev.flows.engine.runtime.LocalHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.state.StateUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split, remove, mapping, enrich, route with a default, dedupe, join and the on-error policies. */
class MoreStepsTest {

    static final EventTime TWO_SECONDS = new EventTime(null, Duration.ofSeconds(2), Duration.ZERO);
    static final SourceLocation JAVA = SourceLocation.JAVA;

    @TempDir
    Path temp;

    @Test
    void shouldSplitAListIntoEvents() {
        Flow flow =
                Flow.named("s").from("in").split("data.lines").toChannel("out").build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(event("o1", "t", "u1", 0, Map.of("lines", List.of(Map.of("sku", "a"), Map.of("sku", "b")))));
            run.send(event("o2", "t", "u1", 0, Map.of("lines", List.of())));
            assertThat(run.read("out")).extracting(Event::id).containsExactly("o1-0", "o1-1");
            assertThat(run.data("out")).containsExactly(Map.of("sku", "a"), Map.of("sku", "b"));
        }
    }

    @Test
    void shouldRemoveFieldsAndIgnoreAbsentOnes() {
        Flow flow = Flow.named("r")
                .from("in")
                .remove("data.card", "data.nested.cvv", "data.none")
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(event(
                    "1", "t", "u1", 0, Map.of("card", "4242", "amount", 5L, "nested", Map.of("cvv", "123", "k", 1L))));
            assertThat(run.data("out")).containsExactly(Map.of("amount", 5L, "nested", Map.of("k", 1L)));
        }
    }

    @Test
    void shouldReshapeDataWithJsonata() {
        Flow flow = Flow.named("m")
                .from("in")
                .mapping("{ \"user\": subject, \"total\": $sum(data.lines.price) }")
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(event("1", "t", "u1", 0, Map.of("lines", List.of(Map.of("price", 2.5), Map.of("price", 1.5)))));
            assertThat(run.data("out")).containsExactly(Map.of("user", "u1", "total", 4L));
        }
    }

    @Test
    void shouldEnrichFromALookupFileWithAFallback() throws Exception {
        Files.writeString(temp.resolve("regions.csv"), "country,region\nDE,EU\nUS,NA\n");
        Flow flow = Flow.named("e")
                .from("in")
                .step(new Step.Enrich(
                        new Lookup.FromFile("regions.csv"),
                        Expression.of("data.country"),
                        "data.geo",
                        Expression.of("{'region': 'OTHER'}"),
                        OnError.DEAD_LETTER,
                        JAVA))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(
                    event("1", "t", "u1", 0, Map.of("country", "DE")),
                    event("2", "t", "u1", 0, Map.of("country", "BR")));
            assertThat(run.data("out"))
                    .extracting(d -> d.get("geo"))
                    .containsExactly(Map.of("region", "EU"), Map.of("region", "OTHER"));
        }
    }

    @Test
    void shouldEnrichFromAStateTableAndDeadLetterAMissWithoutFallback() {
        Flow flow = Flow.named("e")
                .from("in")
                .enrichFromTable("customers", "subject", "data.customer")
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.state.apply(new StateUpdate(
                    List.of(new StateUpdate.Put("customers", "u1", "{\"tier\":\"gold\"}".getBytes())), List.of()));
            run.send(event("1", "t", "u1", 0, Map.of()), event("2", "t", "u2", 0, Map.of()));
            assertThat(run.data("out")).containsExactly(Map.of("customer", Map.of("tier", "gold")));
            assertThat(run.read(ChannelDefinition.DEAD_LETTER))
                    .extracting(Event::id)
                    .containsExactly("2");
        }
    }

    @Test
    void shouldSendWhatNoRouteCaseMatchesToTheDefault() {
        Flow flow = Flow.named("r")
                .from("in")
                .step(new Step.Route(
                        List.of(new RouteCase(
                                Expression.of("data.n > 10"), List.of(new Destination.ToChannel("out", JAVA)))),
                        List.of(new Destination.ToChannel("late", JAVA)),
                        OnError.DEAD_LETTER,
                        JAVA))
                .toChannel(ChannelDefinition.DEAD_LETTER)
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(event("big", "t", "u", 0, Map.of("n", 11L)), event("small", "t", "u", 0, Map.of("n", 1L)));
            assertThat(run.read("out")).extracting(Event::id).containsExactly("big");
            assertThat(run.read("late")).extracting(Event::id).containsExactly("small");
            assertThat(run.read(ChannelDefinition.DEAD_LETTER)).isEmpty();
        }
    }

    @Test
    void shouldDropRepeatsOfAKeyWithinTheWindowOnly() {
        Flow flow = Flow.named("d")
                .from("in")
                .eventTime(TWO_SECONDS)
                .dedupe("data.ref", Duration.ofSeconds(60))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(
                    event("1", "t", "u", 0, Map.of("ref", "a")),
                    event("2", "t", "u", 30, Map.of("ref", "a")),
                    event("3", "t", "u", 31, Map.of("ref", "b")),
                    event("4", "t", "u", 61, Map.of("ref", "a")),
                    event("5", "t", "u", 200, Map.of("ref", "a")));
            assertThat(run.read("out")).extracting(Event::id).containsExactly("1", "3", "4", "5");
            assertThat(run.flow().stateSize()).isEqualTo(1); // only the key of the last event is remembered
        }
    }

    @Test
    void shouldJoinEventsOfTwoStreamsWithinTheInterval() {
        Flow flow = Flow.named("j")
                .from("in")
                .eventTime(TWO_SECONDS)
                .step(new Step.Join(
                        "other",
                        Expression.of("data.order"),
                        Expression.of("data.order"),
                        Duration.ZERO,
                        Duration.ofMinutes(30),
                        "payment",
                        new Emit(
                                "order.paid",
                                List.of(
                                        new FieldAssignment("data.order", Expression.of("data.order")),
                                        new FieldAssignment("data.paid", Expression.of("payment.data.amount")))),
                        null,
                        OnError.DEAD_LETTER,
                        JAVA))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(
                    event("o1", "placed", "u", 0, Map.of("order", "o1")),
                    event("o2", "placed", "u", 5, Map.of("order", "o2")));
            run.sendJoined(
                    event("p1", "paid", "u", 60, Map.of("order", "o1", "amount", 9.5)),
                    event("p2", "paid", "u", 5 + 1801, Map.of("order", "o2", "amount", 3.0)));
            assertThat(run.read("out")).extracting(Event::id).containsExactly("o1+p1");
            assertThat(run.data("out")).containsExactly(Map.of("order", "o1", "paid", 9.5));
        }
    }

    @Test
    void shouldSkipOrStopOnAFailingStepAsItsOnErrorSays() {
        Flow skipping = Flow.named("k")
                .from("in")
                .step(new Step.Filter(Expression.of("data.n > 1"), OnError.SKIP, JAVA))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp.resolve("skip"), skipping)) {
            run.send(event("bad", "t", "u", 0, Map.of()), event("good", "t", "u", 0, Map.of("n", 2L)));
            assertThat(run.read("out")).extracting(Event::id).containsExactly("good");
            assertThat(run.read(ChannelDefinition.DEAD_LETTER)).isEmpty();
        }
        Flow failing = Flow.named("f")
                .from("in")
                .step(new Step.Filter(Expression.of("data.n > 1"), OnError.FAIL, JAVA))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp.resolve("fail"), failing)) {
            assertThatThrownBy(() -> run.send(event("bad", "t", "u", 0, Map.of())))
                    .isInstanceOf(StepFailedException.class)
                    .hasMessageContaining("on-error is fail")
                    .hasMessageContaining("bad");
        }
    }

    @Test
    void shouldChangeACopiedMapWithoutChangingItsOriginal() {
        Flow flow = Flow.named("c")
                .from("in")
                .set("data.copy", "data.nested")
                .set("data.copy.x", "1")
                .remove("data.nested.y")
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(event("1", "t", "u", 0, Map.of("nested", Map.of("y", 2L, "z", 3L))));
            assertThat(run.data("out"))
                    .containsExactly(Map.of("nested", Map.of("z", 3L), "copy", Map.of("y", 2L, "z", 3L, "x", 1L)));
        }
    }
}
