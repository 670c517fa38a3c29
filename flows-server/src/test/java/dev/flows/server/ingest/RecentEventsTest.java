package dev.flows.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.testkit.channel.MemoryChannelBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dedupe memory alone: reservations, repeats, the window, the bound, and a failed append's ids released. */
class RecentEventsTest {

    private final Channel channel =
            new MemoryChannelBackend().open(new ChannelDefinition("web", 1, SourceLocation.JAVA));
    private final RecentEvents recent = new RecentEvents("web", Duration.ofSeconds(10), 3);

    private static Event event(String id) {
        return Event.of(id, "/web", "click", null);
    }

    @Test
    void shouldReserveNewIdsAndPointRepeatsAtTheirFirstCopy() {
        DedupeClaim first = recent.claim(channel, List.of(event("a"), event("b"), event("a")), 1_000);

        assertThat(first.toStore()).containsExactly(0, 1);
        first.stored(List.of(new Position(0, 7), new Position(0, 8)));
        assertThat(first.duplicate(2)).isTrue();
        assertThat(first.position(2)).isEqualTo(new Position(0, 7));

        DedupeClaim second = recent.claim(channel, List.of(event("b"), event("c")), 2_000);

        assertThat(second.toStore()).containsExactly(1);
        assertThat(second.duplicate(0)).isTrue();
        second.stored(List.of(new Position(0, 9)));
        assertThat(second.position(0)).isEqualTo(new Position(0, 8));
    }

    @Test
    void shouldForgetAnIdOnceItsWindowHasPassed() {
        recent.claim(channel, List.of(event("a")), 1_000).stored(List.of(new Position(0, 0)));

        assertThat(recent.claim(channel, List.of(event("a")), 10_999).toStore()).isEmpty();
        assertThat(recent.claim(channel, List.of(event("a")), 11_000).toStore()).containsExactly(0);
    }

    @Test
    void shouldHoldAtMostItsBoundForgettingTheOldestFirst() {
        recent.claim(channel, List.of(event("a"), event("b"), event("c"), event("d")), 1_000)
                .stored(List.of(new Position(0, 0), new Position(0, 1), new Position(0, 2), new Position(0, 3)));

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.claim(channel, List.of(event("a")), 1_001).toStore())
                .as("the oldest was forgotten")
                .containsExactly(0);
        assertThat(recent.claim(channel, List.of(event("d")), 1_002).toStore()).isEmpty();
    }

    @Test
    void shouldMakeARepeatWaitForTheFirstCopyAndShareItsPosition() throws Exception {
        DedupeClaim first = recent.claim(channel, List.of(event("a")), 1_000);
        DedupeClaim repeat = recent.claim(channel, List.of(event("a")), 1_001);
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return repeat.awaitEarlier(Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(repeat.toStore()).isEmpty();
        first.stored(List.of(new Position(0, 4)));

        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(repeat.position(0)).isEqualTo(new Position(0, 4));
    }

    @Test
    void shouldReleaseTheIdsOfAFailedAppendSoTheNextRequestStoresThem() throws Exception {
        DedupeClaim failed = recent.claim(channel, List.of(event("a")), 1_000);
        DedupeClaim waiting = recent.claim(channel, List.of(event("a")), 1_001);

        failed.release(new IllegalStateException("disk failed"));

        assertThat(waiting.awaitEarlier(Duration.ofSeconds(1))).isFalse();
        waiting.release(null);
        assertThat(recent.claim(channel, List.of(event("a")), 1_002).toStore()).containsExactly(0);
    }

    @Test
    void shouldKeepSourcesApart() {
        DedupeClaim claim = recent.claim(
                channel, List.of(event("a"), Event.of("a", "/app", "click", null), Event.of("pa", "/", "t", null)), 1);

        assertThat(claim.toStore()).containsExactly(0, 1, 2);
        assertThat(RecentEvents.key("/a", "b")).isNotEqualTo(RecentEvents.key("/", "ab"));
    }
}
