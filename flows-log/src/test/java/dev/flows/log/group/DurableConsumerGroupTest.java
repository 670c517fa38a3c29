package dev.flows.log.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableConsumerGroupTest {

    @TempDir
    Path directory;

    @Test
    void shouldStartWithNothingCommittedAndReadBackCommits() {
        try (DurableConsumerGroup group = open("search-index", 3)) {
            assertThat(group.committed()).isEmpty();
            assertThat(group.committed(0)).isEmpty();

            group.commit(0, 10);
            group.commit(2, 7);

            assertThat(group.committed(0)).isEqualTo(OptionalLong.of(10));
            assertThat(group.committed(1)).isEmpty();
            assertThat(group.committed()).isEqualTo(Map.of(0, 10L, 2, 7L));
            assertThat(group.name()).isEqualTo("search-index");
        }
    }

    @Test
    void shouldKeepCommitsAcrossRestart() {
        try (DurableConsumerGroup group = open("search-index", 3)) {
            group.commit(1, 5);
            group.commit(1, 6);
            group.commit(2, 99);
        }

        try (DurableConsumerGroup group = open("search-index", 3)) {
            assertThat(group.committed()).isEqualTo(Map.of(1, 6L, 2, 99L));
        }
    }

    @Test
    void shouldAllowCommittingBackwardsForAReplay() {
        try (DurableConsumerGroup group = open("search-index", 1)) {
            group.commit(0, 500);
            group.commit(0, 0);
        }

        try (DurableConsumerGroup group = open("search-index", 1)) {
            assertThat(group.committed(0)).isEqualTo(OptionalLong.of(0));
        }
    }

    @Test
    void shouldKeepGroupsIndependent() {
        try (DurableConsumerGroup first = open("first", 2);
                DurableConsumerGroup second = open("second", 2)) {
            first.commit(0, 3);
            second.commit(0, 8);
            second.commit(1, 1);

            assertThat(first.committed()).isEqualTo(Map.of(0, 3L));
            assertThat(second.committed()).isEqualTo(Map.of(0, 8L, 1, 1L));
        }
    }

    @Test
    void shouldFallBackToThePreviousCommitWhenTheNewestCopyIsDamaged() throws IOException {
        try (DurableConsumerGroup group = open("search-index", 2)) {
            group.commit(0, 5);
            group.commit(0, 9);
        }
        int slot = OffsetsFile.slotBytes(2);
        flip(file("search-index"), slot + OffsetsFile.ENTRIES_OFFSET + 7);

        try (DurableConsumerGroup group = open("search-index", 2)) {
            assertThat(group.committed(0)).isEqualTo(OptionalLong.of(5));
            group.commit(0, 11);
        }
        try (DurableConsumerGroup group = open("search-index", 2)) {
            assertThat(group.committed(0)).isEqualTo(OptionalLong.of(11));
        }
    }

    @Test
    void shouldReportAFileDamagedBeyondItsSecondCopyNamingItAndWhatToDo() throws IOException {
        try (DurableConsumerGroup group = open("search-index", 2)) {
            group.commit(0, 5);
        }
        Path file = file("search-index");
        flip(file, OffsetsFile.ENTRIES_OFFSET);
        flip(file, OffsetsFile.slotBytes(2) + OffsetsFile.COUNT_OFFSET);

        assertThatThrownBy(() -> open("search-index", 2))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is damaged")
                .hasMessageContaining("CRC32C")
                .hasMessageContaining("restore the file from a backup, or delete it");
    }

    @Test
    void shouldReportATruncatedFile() throws IOException {
        open("search-index", 2).close();
        Path file = file("search-index");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(11);
        }

        assertThatThrownBy(() -> open("search-index", 2))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not two equal copies");
    }

    @Test
    void shouldRefuseBadNamesPartitionsAndOffsets() {
        assertThatThrownBy(() -> open("Search", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consumer group name 'Search' is not allowed")
                .hasMessageContaining("rename the consumer group");
        try (DurableConsumerGroup group = open("search-index", 2)) {
            assertThatThrownBy(() -> group.commit(2, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no partition 2")
                    .hasMessageContaining("0 to 1");
            assertThatThrownBy(() -> group.commit(0, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot commit offset -1");
            assertThatThrownBy(() -> group.committed(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseCommitsOnceClosed() {
        DurableConsumerGroup group = open("search-index", 1);
        group.commit(0, 1);
        group.close();

        assertThatThrownBy(() -> group.commit(0, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(group.committed(0)).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void shouldKeepEveryPartitionsLastCommitWhenThreadsCommitAtOnce() throws Exception {
        int partitions = 4;
        int commits = 150;
        try (DurableConsumerGroup group = open("search-index", partitions);
                ExecutorService threads = Executors.newFixedThreadPool(partitions)) {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                done.add(threads.submit(() -> {
                    for (int offset = 1; offset <= commits; offset++) {
                        group.commit(partition, offset * 10L + partition);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        }

        try (DurableConsumerGroup group = open("search-index", partitions)) {
            assertThat(group.committed()).isEqualTo(Map.of(0, 1500L, 1, 1501L, 2, 1502L, 3, 1503L));
        }
    }

    private DurableConsumerGroup open(String name, int partitions) {
        return DurableConsumerGroup.open(file(name), name, partitions);
    }

    private Path file(String name) {
        return directory.resolve(name + ".offsets");
    }

    private static void flip(Path file, long position) throws IOException {
        assertThat(Files.size(file)).isGreaterThan(position);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(position);
            int b = out.read();
            out.seek(position);
            out.write(b ^ 0x40);
        }
    }
}
