package dev.flows.log.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the consumer group offsets file, version 1, to a committed fixture, in both directions. */
class OffsetsFileTest {

    private static final String FIXTURE = "offsets-v1-slot.hex";

    @TempDir
    Path directory;

    @Test
    void shouldWriteTheGoldenSlot() throws IOException {
        Path file = directory.resolve("golden.offsets");
        try (DurableConsumerGroup group = DurableConsumerGroup.open(file, "golden", 2)) {
            group.commit(1, 42);
        }

        byte[] bytes = Files.readAllBytes(file);
        byte[] golden = golden();

        assertThat(bytes).hasSize(2 * OffsetsFile.SECTOR_BYTES);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(bytes, golden.length)))
                .isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(Arrays.copyOfRange(bytes, golden.length, OffsetsFile.SECTOR_BYTES))
                .containsOnly(0);
    }

    @Test
    void shouldReadTheGoldenSlotAndIgnoreAnEmptyOther() throws IOException {
        Path file = directory.resolve("golden.offsets");
        Files.write(file, Arrays.copyOf(golden(), 2 * OffsetsFile.SECTOR_BYTES));

        try (DurableConsumerGroup group = DurableConsumerGroup.open(file, "golden", 2)) {
            assertThat(group.committed(1)).isEqualTo(OptionalLong.of(42));
            assertThat(group.committed(0)).isEmpty();
        }
    }

    /** The fixture's bytes: hex digits, with whitespace and '#' comments ignored. */
    private static byte[] golden() {
        try (InputStream in = OffsetsFileTest.class.getResourceAsStream(FIXTURE)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(line -> line.replaceAll("#.*", "").replaceAll("\\s+", ""))
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
