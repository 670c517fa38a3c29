package dev.flows.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flows.api.error.StorageException;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.StateUpdate.OffsetCommit;
import dev.flows.api.state.StateUpdate.Put;
import dev.flows.api.state.TableRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStateStoreTest {

    @TempDir
    Path dir;

    private Path file;
    private MvStateStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("state/flows.mv.db");
        store = MvStateStore.open(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> value) {
        return value.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }

    private static StateUpdate puts(Put... puts) {
        return new StateUpdate(List.of(puts), List.of());
    }

    private static List<String> keys(List<TableRow> rows) {
        return rows.stream().map(TableRow::key).toList();
    }

    @Test
    void shouldCreateTheFileAndItsParentDirectories() {
        store.apply(puts(new Put("orders", "o1", json("{}"))));

        assertThat(file).exists();
        assertThat(store.file()).isEqualTo(file);
    }

    @Test
    void shouldGetWhatApplyPut() {
        store.apply(puts(new Put("orders", "o1", json("{\"total\":12.0}")), new Put("customers", "c1", json("{}"))));

        assertThat(text(store.get("orders", "o1"))).isEqualTo("{\"total\":12.0}");
        assertThat(text(store.get("customers", "c1"))).isEqualTo("{}");
        assertThat(store.get("orders", "o2")).isEmpty();
        assertThat(store.get("no-such-table", "o1")).isEmpty();
    }

    @Test
    void shouldLetTheLastPutOfAKeyWin() {
        store.apply(puts(new Put("orders", "o1", json("1")), new Put("orders", "o1", json("2"))));

        assertThat(text(store.get("orders", "o1"))).isEqualTo("2");
    }

    @Test
    void shouldDeleteARowOnANullValue() {
        store.apply(puts(new Put("orders", "o1", json("1")), new Put("orders", "o2", json("2"))));

        store.apply(puts(new Put("orders", "o1", null), new Put("orders", "never-there", null)));

        assertThat(store.get("orders", "o1")).isEmpty();
        assertThat(store.size("orders")).isEqualTo(1);
    }

    @Test
    void shouldScanInKeyOrderStrictlyAfterTheKey() {
        store.apply(puts(
                new Put("orders", "c", json("3")),
                new Put("orders", "a", json("1")),
                new Put("orders", "b", json("2")),
                new Put("orders", "d", json("4"))));

        assertThat(keys(store.scan("orders", "", 10))).containsExactly("a", "b", "c", "d");
        assertThat(keys(store.scan("orders", "", 2))).containsExactly("a", "b");
        assertThat(keys(store.scan("orders", "b", 2))).containsExactly("c", "d");
        assertThat(keys(store.scan("orders", "bb", 10))).containsExactly("c", "d");
        assertThat(keys(store.scan("orders", "d", 10))).isEmpty();
        assertThat(store.scan("orders", "", 0)).isEmpty();
        assertThat(store.scan("missing", "", 10)).isEmpty();
        assertThat(new String(store.scan("orders", "a", 1).get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("2");
    }

    @Test
    void shouldPageThroughATableWithScan() {
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            puts.add(new Put("events", String.format("k%04d", i), json(Integer.toString(i))));
        }
        store.apply(new StateUpdate(puts, List.of()));

        List<String> seen = new ArrayList<>();
        String after = "";
        for (List<TableRow> page = store.scan("events", after, 64);
                !page.isEmpty();
                page = store.scan("events", after, 64)) {
            seen.addAll(keys(page));
            after = page.get(page.size() - 1).key();
        }

        assertThat(seen).hasSize(1000).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldRejectANegativeScanLimit() {
        assertThatThrownBy(() -> store.scan("orders", "", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scan of table 'orders' asked for -1 rows; pass a limit of 0 or more");
    }

    @Test
    void shouldListNonEmptyTablesInNameOrder() {
        store.apply(puts(
                new Put("zebra", "1", json("1")), new Put("apple", "1", json("1")), new Put("mango", "1", json("1"))));
        store.apply(puts(new Put("mango", "1", null)));

        assertThat(store.tables()).containsExactly("apple", "zebra");
    }

    @Test
    void shouldCountRows() {
        store.apply(puts(new Put("orders", "o1", json("1")), new Put("orders", "o2", json("2"))));

        assertThat(store.size("orders")).isEqualTo(2);
        assertThat(store.size("missing")).isZero();
    }

    @Test
    void shouldCommitOffsetsPerConsumerChannelAndPartition() {
        store.apply(new StateUpdate(
                List.of(),
                List.of(
                        new OffsetCommit("flow-a", "orders", 0, 10),
                        new OffsetCommit("flow-a", "orders", 1, 20),
                        new OffsetCommit("flow-b", "orders", 0, 30),
                        new OffsetCommit("flow-a", "payments", 0, 40))));
        store.apply(new StateUpdate(List.of(), List.of(new OffsetCommit("flow-a", "orders", 0, 11))));

        assertThat(store.committedOffset("flow-a", "orders", 0)).isEqualTo(OptionalLong.of(11));
        assertThat(store.committedOffset("flow-a", "orders", 1)).isEqualTo(OptionalLong.of(20));
        assertThat(store.committedOffset("flow-b", "orders", 0)).isEqualTo(OptionalLong.of(30));
        assertThat(store.committedOffset("flow-a", "payments", 0)).isEqualTo(OptionalLong.of(40));
        assertThat(store.committedOffset("flow-a", "orders", 2)).isEmpty();
        assertThat(store.committedOffset("flow-c", "orders", 0)).isEmpty();
    }

    @Test
    void shouldKeepConsumerAndChannelNamesWithSeparatorsApart() {
        store.apply(new StateUpdate(
                List.of(), List.of(new OffsetCommit("a/b", "c", 1, 1), new OffsetCommit("a", "b/c", 1, 2))));

        assertThat(store.committedOffset("a/b", "c", 1)).isEqualTo(OptionalLong.of(1));
        assertThat(store.committedOffset("a", "b/c", 1)).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void shouldReturnNoOffsetBeforeAnyCommit() {
        assertThat(store.committedOffset("flow-a", "orders", 0)).isEmpty();
    }

    @Test
    void shouldKeepEverythingAcrossARestart() {
        store.apply(new StateUpdate(
                List.of(new Put("orders", "o1", json("{\"n\":1}")), new Put("customers", "c1", json("\"x\""))),
                List.of(new OffsetCommit("flow-a", "orders", 3, 42))));
        store.close();

        store = MvStateStore.open(file);

        assertThat(text(store.get("orders", "o1"))).isEqualTo("{\"n\":1}");
        assertThat(store.tables()).containsExactly("customers", "orders");
        assertThat(store.size("customers")).isEqualTo(1);
        assertThat(store.committedOffset("flow-a", "orders", 3)).isEqualTo(OptionalLong.of(42));
    }

    @Test
    void shouldLeaveNothingVisibleWhenAnUpdateFailsMidway() {
        store.apply(new StateUpdate(
                List.of(new Put("orders", "o1", json("\"before\""))),
                List.of(new OffsetCommit("flow-a", "orders", 0, 5))));
        StateUpdate failing = new StateUpdate(
                List.of(
                        new Put("orders", "o1", json("\"after\"")),
                        new Put("orders", "o2", json("\"new\"")),
                        new Put("fresh-table", "k", json("1")),
                        new Put("Bad Name", "k", json("1")),
                        new Put("orders", "o3", json("\"new\""))),
                List.of(new OffsetCommit("flow-a", "orders", 0, 9)));

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> store.apply(failing));

        assertThat(e.getMessage())
                .isEqualTo("put 3 of the update names table 'Bad Name', which is not a valid table name; use"
                        + " lower-case letters, digits, '.', '_' and '-', starting with a letter, at most 128"
                        + " characters, e.g. 'orders.by-customer'");
        assertNothingOfTheFailedUpdate();
        store.close();
        store = MvStateStore.open(file);
        assertNothingOfTheFailedUpdate();
    }

    private void assertNothingOfTheFailedUpdate() {
        assertThat(text(store.get("orders", "o1"))).isEqualTo("\"before\"");
        assertThat(store.get("orders", "o2")).isEmpty();
        assertThat(store.get("fresh-table", "k")).isEmpty();
        assertThat(store.size("orders")).isEqualTo(1);
        assertThat(store.tables()).containsExactly("orders");
        assertThat(store.committedOffset("flow-a", "orders", 0)).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void shouldRollBackAFailedOffsetCommitAndStayUsable() {
        StateUpdate failing = new StateUpdate(
                List.of(new Put("orders", "o1", json("1"))),
                List.of(new OffsetCommit("flow-a", "orders", 0, 1), new OffsetCommit("flow-a", "orders", 1, -1)));

        assertThatThrownBy(() -> store.apply(failing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset commit 1 of the update for consumer 'flow-a' on channel 'orders' has partition 1"
                        + " and offset -1; partitions and offsets start at 0");
        assertThat(store.get("orders", "o1")).isEmpty();
        assertThat(store.tables()).isEmpty();
        assertThat(store.committedOffset("flow-a", "orders", 0)).isEmpty();

        store.apply(new StateUpdate(
                List.of(new Put("orders", "o1", json("2"))), List.of(new OffsetCommit("flow-a", "orders", 0, 2))));

        assertThat(text(store.get("orders", "o1"))).isEqualTo("2");
        assertThat(store.committedOffset("flow-a", "orders", 0)).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void shouldRejectAPutWithoutAKey() {
        assertThatThrownBy(() -> store.apply(puts(new Put("orders", null, json("1")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("put 0 of the update to table 'orders' has no key; give every row a non-null key");
    }

    @Test
    void shouldAcceptTableNamesOfTheDocumentedForm() {
        String longest = "a" + "b".repeat(127);
        store.apply(puts(new Put("orders.by-customer_2", "k", json("1")), new Put(longest, "k", json("1"))));

        assertThat(store.tables()).containsExactly(longest, "orders.by-customer_2");
        assertThatThrownBy(() -> store.apply(puts(new Put(longest + "c", "k", json("1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.apply(puts(new Put("1orders", "k", json("1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.apply(puts(new Put("", "k", json("1")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCopyValuesInAndOut() {
        byte[] value = json("1");
        store.apply(puts(new Put("orders", "o1", value)));
        value[0] = '9';
        store.get("orders", "o1").orElseThrow()[0] = '8';

        assertThat(text(store.get("orders", "o1"))).isEqualTo("1");
    }

    @Test
    void shouldRefuseUseAfterClose() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get("orders", "o1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("state store " + file + " is closed; open it again with MvStateStore.open before using it");
        assertThatThrownBy(() -> store.apply(puts(new Put("orders", "o1", json("1")))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.tables()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameFile() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> MvStateStore.open(file));

        assertThat(e.getMessage())
                .startsWith("cannot open state store " + file + ": ")
                .endsWith("; check that no other Flows process uses this file and that it is readable, or restore"
                        + " it from a backup if it is damaged");
    }

    @Test
    void shouldRefuseAFileWhoseDirectoryCannotBeCreated() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory");

        StorageException e =
                catchThrowableOfType(StorageException.class, () -> MvStateStore.open(blocker.resolve("x/state.db")));

        assertThat(e.getMessage())
                .startsWith("cannot prepare directory " + blocker.resolve("x"))
                .endsWith("; make the directory writable by Flows or choose another state file");
    }

    @Test
    void shouldCompactTheFileSoItStaysSmallUnderRepeatedUpdates() throws Exception {
        store.close();
        store = MvStateStore.open(file, 256 * 1024);
        store.apply(puts(new Put("static", "s", json("\"written once\""))));
        for (int i = 1; i <= 500; i++) {
            store.apply(new StateUpdate(
                    List.of(new Put("counters", "k" + i % 10, json("{\"n\":" + i + "}"))),
                    List.of(new OffsetCommit("flow-a", "orders", 0, i))));
        }

        // Each apply appends a chunk of about 20 KiB: without compaction the file would pass 9 MiB.
        assertThat(Files.size(file)).isLessThan(1024 * 1024);
        assertThat(StoreCompaction.temporaryFile(file)).doesNotExist();
        store.close();
        store = MvStateStore.open(file);
        assertThat(store.tables()).containsExactly("counters", "static");
        assertThat(text(store.get("counters", "k0"))).isEqualTo("{\"n\":500}");
        assertThat(text(store.get("static", "s"))).isEqualTo("\"written once\"");
        assertThat(store.committedOffset("flow-a", "orders", 0)).isEqualTo(OptionalLong.of(500));
    }

    @Test
    void shouldDeleteTheLeftoverOfAnInterruptedCompactionOnOpen() throws Exception {
        store.apply(puts(new Put("orders", "o1", json("1"))));
        store.close();
        Files.writeString(StoreCompaction.temporaryFile(file), "half a copy");

        store = MvStateStore.open(file);

        assertThat(StoreCompaction.temporaryFile(file)).doesNotExist();
        assertThat(text(store.get("orders", "o1"))).isEqualTo("1");
    }

    @Test
    void shouldNeverShowReadersHalfAnUpdate() throws Exception {
        int rows = 8;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> checks = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                checks.add(readers.submit(() -> {
                    int consistentScans = 0;
                    while (!done.get()) {
                        List<TableRow> scan = store.scan("counters", "", rows);
                        assertThat(scan.stream()
                                        .map(row -> new String(row.value(), StandardCharsets.UTF_8))
                                        .distinct())
                                .hasSizeLessThanOrEqualTo(1);
                        consistentScans++;
                    }
                    return consistentScans;
                }));
            }
            for (int version = 0; version < 150; version++) {
                List<Put> puts = new ArrayList<>();
                for (int k = 0; k < rows; k++) {
                    puts.add(new Put("counters", "k" + k, json(Integer.toString(version))));
                }
                store.apply(new StateUpdate(puts, List.of()));
            }
            done.set(true);
            for (Future<Integer> check : checks) {
                assertThat(check.get(10, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            done.set(true);
            readers.shutdownNow();
        }
    }
}
