package dev.flows.log;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels created while running come back after a restart; deleted ones are gone, files and all. */
class ChannelLifecycleTest {

    @TempDir
    Path directory;

    @Test
    void shouldReopenStoredChannelsWithTheirPartitionsAndRecords() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("made", 3)).append(List.of(append("k", "v")));
            log.open(channel("declared", 1));
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("declared", 1));

            List<Channel> opened = log.openStored();

            assertThat(opened).extracting(Channel::name).containsExactly("made");
            Channel made = log.find("made").orElseThrow();
            assertThat(made.partitions()).isEqualTo(3);
            long events = 0;
            for (int p = 0; p < 3; p++) {
                events += made.endOffset(p);
            }
            assertThat(events).isEqualTo(1);
            assertThat(log.openStored()).isEmpty();
        }
    }

    @Test
    void shouldDeleteAChannelWithItsFilesSoThatItDoesNotComeBack() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel gone = log.open(channel("gone", 2));
            gone.append(List.of(append("k", "v")));
            gone.group("readers").commit(0, 1);
            log.open(channel("kept", 1)).append(List.of(append("k", "v")));

            log.delete("gone");

            assertThat(log.find("gone")).isEmpty();
            assertThat(directory.resolve("gone")).doesNotExist();
            try (var entries = Files.list(directory)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(".deleted-"));
            }
            assertThatThrownBy(() -> log.delete("gone"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("channel 'gone' does not exist");
            assertThat(log.find("kept").orElseThrow().endOffset(0)).isEqualTo(1);
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThat(log.openStored()).extracting(Channel::name).containsExactly("kept");
            Channel again = log.open(channel("gone", 1));
            assertThat(again.endOffset(0)).isZero();
        }
    }

    @Test
    void shouldFinishADeleteThatACrashInterrupted() throws Exception {
        Path leftover =
                Files.createDirectories(directory.resolve(".deleted-old-123").resolve("0"));
        Files.writeString(leftover.resolve("00000000000000000000.log"), "bytes");

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThat(directory.resolve(".deleted-old-123")).doesNotExist();
            assertThat(log.openStored()).isEmpty();
        }
    }
}
