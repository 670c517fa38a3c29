package dev.flows.bench.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {

    @TempDir
    Path temp;

    private static List<String> lines(Path file, long maxLines) throws Exception {
        List<String> lines = new ArrayList<>();
        try (EventStream stream = EventStream.open(file, maxLines)) {
            for (byte[][] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                for (byte[] line : chunk) {
                    lines.add(new String(line, StandardCharsets.UTF_8));
                }
            }
            assertThat(stream.next()).isNull();
        }
        return lines;
    }

    @Test
    void shouldGiveEveryNonEmptyLineInOrderWithoutLineBreaks() throws Exception {
        Path file = Files.writeString(temp.resolve("in.jsonl"), "{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}");

        assertThat(lines(file, Long.MAX_VALUE)).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void shouldStopAfterMaxLinesAndSplitManyChunks() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("{\"n\":").append(i).append("}\n");
        }
        Path file = Files.writeString(temp.resolve("in.jsonl"), text);

        assertThat(lines(file, Long.MAX_VALUE)).hasSize(10_000).endsWith("{\"n\":9999}");
        assertThat(lines(file, 5_000)).hasSize(5_000).endsWith("{\"n\":4999}");
    }

    @Test
    void shouldSplitLinesOfEveryLengthAndAlignmentEvenWithBytesNextToALineFeed() throws Exception {
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int length = 1; length < 40; length++) {
            // 0x0b is a line feed with its lowest bit set: the 8-byte test may take it for one.
            String line = ("\u000b\u0001" + "x".repeat(length)).substring(0, length);
            expected.add(line);
            text.append(line).append('\n');
        }
        Path file = Files.writeString(temp.resolve("in.jsonl"), text);

        assertThat(lines(file, Long.MAX_VALUE)).containsExactlyElementsOf(expected);
        assertThat(lines(file, 7)).containsExactlyElementsOf(expected.subList(0, 7));
    }

    @Test
    void shouldKeepALineLongerThanTheBuffer() throws Exception {
        String longLine = "{\"x\":\"" + "y".repeat(5 << 20) + "\"}";
        Path file = Files.writeString(temp.resolve("in.jsonl"), "{}\n" + longLine + "\n{}\n");

        assertThat(lines(file, Long.MAX_VALUE)).containsExactly("{}", longLine, "{}");
    }

    @Test
    void shouldSayHowToMakeAMissingInput() {
        assertThatThrownBy(() -> EventStream.open(temp.resolve("none.jsonl"), 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GenEvents.java");
    }

    @Test
    void shouldStopTheReaderWhenClosedEarly() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            text.append("{\"n\":").append(i).append("}\n");
        }
        Path file = Files.writeString(temp.resolve("in.jsonl"), text);

        try (EventStream stream = EventStream.open(file, Long.MAX_VALUE)) {
            assertThat(stream.next()).isNotEmpty();
        } // close() joins the reader, which would block forever on the full queue if it missed the stop
    }
}
