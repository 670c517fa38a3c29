package dev.flows.log.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.log.queue.JournalEntry.Acked;
import dev.flows.log.queue.JournalEntry.Counts;
import dev.flows.log.queue.JournalEntry.DeadLettered;
import dev.flows.log.queue.JournalEntry.Delivered;
import dev.flows.log.queue.JournalEntry.Header;
import dev.flows.log.queue.JournalEntry.Nacked;
import dev.flows.log.queue.JournalEntry.Next;
import dev.flows.log.queue.JournalEntry.Skipped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the queue journal format, version 1, to a committed fixture, in both directions. */
class JournalFormatTest {

    private static final String FIXTURE = "journal-v1.hex";

    /** One entry of each type, in the fixture's order. */
    private static final List<JournalEntry> ENTRIES = List.of(
            new Header(1, 2),
            new Counts(5, 1),
            new Next(1, 7),
            new Delivered(0, 3, 2, 1_700_000_000_000L, 1_700_000_000_500L),
            new Acked(0, 3),
            new Nacked(1, 6, "boom"),
            new DeadLettered(1, 6),
            new Skipped(0, 9));

    @Test
    void shouldEncodeTheKnownEntriesToTheGoldenBytes() {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ENTRIES.forEach(entry -> encoded.writeBytes(JournalFormat.encode(entry)));

        assertThat(HexFormat.of().formatHex(encoded.toByteArray()))
                .isEqualTo(HexFormat.of().formatHex(golden()));
    }

    @Test
    void shouldDecodeTheGoldenBytes() {
        assertThat(decodeAll(ByteBuffer.wrap(golden()))).isEqualTo(ENTRIES);
    }

    @Test
    void shouldStopAtATornOrFlippedEntry() {
        byte[] bytes = golden();
        ByteBuffer torn = ByteBuffer.wrap(bytes, 0, bytes.length - 1).slice();
        assertThat(decodeAll(torn)).isEqualTo(ENTRIES.subList(0, ENTRIES.size() - 1));

        bytes[bytes.length - 1] ^= 1;
        JournalFormat.Decoded last = JournalFormat.decode(ByteBuffer.wrap(bytes), bytes.length - 21);
        assertThat(last.problem()).contains("CRC32C");
    }

    private static List<JournalEntry> decodeAll(ByteBuffer bytes) {
        List<JournalEntry> entries = new ArrayList<>();
        for (int position = 0; position < bytes.limit(); ) {
            JournalFormat.Decoded decoded = JournalFormat.decode(bytes, position);
            if (decoded.problem() != null) {
                break;
            }
            entries.add(decoded.entry());
            position = decoded.next();
        }
        return entries;
    }

    /** The fixture's bytes: hex digits, with whitespace and '#' comments ignored. */
    private static byte[] golden() {
        try (InputStream in = JournalFormatTest.class.getResourceAsStream(FIXTURE)) {
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
