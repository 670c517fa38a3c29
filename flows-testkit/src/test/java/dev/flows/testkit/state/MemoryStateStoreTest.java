package dev.flows.testkit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flows.api.state.ChangeVersions;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableChange;
import dev.flows.api.state.TableRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory state store: rows in key order, deletes, offsets, all of an update at once. */
class MemoryStateStoreTest {

    private final MemoryStateStore store = new MemoryStateStore();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldApplyRowsAndOffsetsAndScanInKeyOrder() {
        store.apply(new StateUpdate(
                List.of(
                        new StateUpdate.Put("t", "b", json("2")),
                        new StateUpdate.Put("t", "a", json("1")),
                        new StateUpdate.Put("t", "c", json("3")),
                        new StateUpdate.Put("t", "c", null)),
                List.of(new StateUpdate.OffsetCommit("flow:x", "in", 0, 7))));

        assertThat(store.scan("t", "", 10)).extracting(TableRow::key).containsExactly("a", "b");
        assertThat(store.scan("t", "a", 1)).extracting(TableRow::key).containsExactly("b");
        assertThat(store.get("t", "a"))
                .hasValueSatisfying(value -> assertThat(value).isEqualTo(json("1")));
        assertThat(store.size("t")).isEqualTo(2);
        assertThat(store.tables()).containsExactly("t");
        assertThat(store.committedOffset("flow:x", "in", 0)).hasValue(7);
        assertThat(store.committedOffset("flow:x", "in", 1)).isEmpty();
    }

    @Test
    void shouldLeaveOutTablesWhoseRowsWereAllDeleted() {
        store.apply(new StateUpdate(List.of(new StateUpdate.Put("t", "a", json("1"))), List.of()));
        store.apply(new StateUpdate(List.of(new StateUpdate.Put("t", "a", null)), List.of()));

        assertThat(store.tables()).isEmpty();
        assertThat(store.get("t", "a")).isEmpty();
    }

    @Test
    void shouldLogChangesOfLoggedPutsKeepingTheLastOnes() throws Exception {
        MemoryStateStore small = new MemoryStateStore(2);
        small.apply(new StateUpdate(
                List.of(
                        StateUpdate.Put.change("t", "a", json("1")),
                        new StateUpdate.Put("t", "b", json("2")),
                        StateUpdate.Put.change("t", "a", json("1")),
                        StateUpdate.Put.change("t", "gone", null)),
                List.of()));
        small.apply(new StateUpdate(
                List.of(StateUpdate.Put.change("t", "a", json("3")), StateUpdate.Put.change("t", "a", null)),
                List.of()));

        assertThat(small.changes("t", 0, 10))
                .extracting(TableChange::version, TableChange::key, TableChange::deleted)
                .containsExactly(tuple(2L, "a", false), tuple(3L, "a", true));
        assertThat(small.changeVersions("t")).isEqualTo(new ChangeVersions(2, 3));
        assertThat(small.changeVersions("u")).isEqualTo(ChangeVersions.NONE);
        assertThat(small.awaitChange("t", 2, Duration.ZERO)).isTrue();
        assertThat(small.awaitChange("t", 3, Duration.ofMillis(10))).isFalse();
    }
}
