package dev.flows.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.state.ChangeVersions;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.StateUpdate.OffsetCommit;
import dev.flows.api.state.StateUpdate.Put;
import dev.flows.api.state.TableChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changelog of the state tables: versions, what counts as a change, retention, and durability with the rows. */
class MvStateStoreChangelogTest {

    @TempDir
    Path dir;

    private Path file;
    private MvStateStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("state/tables.mv");
        store = MvStateStore.open(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void apply(Put... puts) {
        store.apply(new StateUpdate(List.of(puts), List.of()));
    }

    private List<String> changes(String table) {
        List<String> lines = new ArrayList<>();
        for (TableChange change : store.changes(table, 0, 1_000)) {
            lines.add(change.version() + " " + change.key() + " "
                    + (change.deleted() ? "deleted" : new String(change.row(), StandardCharsets.UTF_8)));
        }
        return lines;
    }

    @Test
    void shouldNumberEachChangeOfATableFromOneInTheOrderWritten() {
        apply(Put.change("t", "a", json("1")), Put.change("t", "b", json("2")), Put.change("u", "a", json("3")));
        apply(Put.change("t", "a", json("4")), Put.change("t", "b", null));

        assertThat(changes("t")).containsExactly("1 a 1", "2 b 2", "3 a 4", "4 b deleted");
        assertThat(changes("u")).containsExactly("1 a 3");
        assertThat(store.changeVersions("t")).isEqualTo(new ChangeVersions(1, 4));
        assertThat(store.changes("t", 2, 1)).extracting(TableChange::version).containsExactly(3L);
    }

    @Test
    void shouldRecordOnlyLoggedPutsThatChangeTheirRow() {
        apply(Put.change("t", "a", json("1")), new Put("t", "b", json("2")), Put.change("t", "gone", null));
        apply(Put.change("t", "a", json("1")), Put.change("t", "b", json("2")), Put.change("t", "b", json("3")));

        assertThat(changes("t")).containsExactly("1 a 1", "2 b 3");
        assertThat(store.changeVersions("never-written")).isEqualTo(ChangeVersions.NONE);
        assertThat(store.changes("never-written", 0, 10)).isEmpty();
    }

    @Test
    void shouldKeepTheLastChangesOfEachTableOnly() {
        store.close();
        store = MvStateStore.openKeepingChanges(file, 3);
        for (int i = 1; i <= 5; i++) {
            apply(Put.change("t", "k", json(Integer.toString(i))));
        }

        assertThat(changes("t")).containsExactly("3 k 3", "4 k 4", "5 k 5");
        assertThat(store.changeVersions("t")).isEqualTo(new ChangeVersions(3, 5));
        assertThat(store.changeVersions("t").keepsAfter(1)).isFalse();
        assertThat(store.changeVersions("t").keepsAfter(2)).isTrue();
    }

    @Test
    void shouldContinueVersionsAfterARestartAndACompaction() {
        apply(Put.change("t", "a", json("1")));
        store.close();
        store = MvStateStore.open(file, 256 * 1024);
        for (int i = 2; i <= 300; i++) {
            store.apply(new StateUpdate(
                    List.of(Put.change("t", "k" + i % 7, json(Integer.toString(i)))),
                    List.of(new OffsetCommit("flow", "in", 0, i))));
        }
        store.close();
        store = MvStateStore.open(file);
        apply(Put.change("t", "a", json("301")));

        assertThat(store.changeVersions("t")).isEqualTo(new ChangeVersions(1, 301));
        assertThat(changes("t").getFirst()).isEqualTo("1 a 1");
        assertThat(changes("t").getLast()).isEqualTo("301 a 301");
        assertThat(store.committedOffset("flow", "in", 0)).hasValue(300);
    }

    @Test
    void shouldNotAdvanceVersionsForAnUpdateThatFails() {
        apply(Put.change("t", "a", json("1")));
        StateUpdate failing = new StateUpdate(
                List.of(Put.change("t", "a", json("2")), Put.change("Bad Name", "k", json("1"))), List.of());

        assertThatThrownBy(() -> store.apply(failing)).isInstanceOf(IllegalArgumentException.class);
        apply(Put.change("t", "a", json("3")));

        assertThat(changes("t")).containsExactly("1 a 1", "2 a 3");
    }

    @Test
    void shouldWakeAWaiterWhenAChangeIsCommitted() throws Exception {
        apply(Put.change("t", "a", json("1")));
        assertThat(store.awaitChange("t", 0, Duration.ZERO)).isTrue();
        assertThat(store.awaitChange("t", 1, Duration.ofMillis(20))).isFalse();

        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return store.awaitChange("t", 1, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        apply(new Put("other", "x", json("1")));
        apply(Put.change("t", "b", json("2")));

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
