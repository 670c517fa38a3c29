package dev.flows.bench.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {

    @TempDir
    Path temp;

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    @Test
    void shouldLoadEveryNonEmptyLineWithoutLineBreaks() throws Exception {
        Path file = Files.writeString(temp.resolve("e.jsonl"), "{\"a\":1}\r\n\n{\"b\":22}\n{\"c\":3}");

        Events events = EventFile.load(file);

        assertThat(Arrays.stream(events.lines()).map(EventFileTest::text))
                .containsExactly("{\"a\":1}", "{\"b\":22}", "{\"c\":3}");
        assertThat(events.bytes()).isEqualTo(22);
    }

    @Test
    void shouldLoadLinesLongerThanItsBuffer() throws Exception {
        String longLine = "x".repeat(3 << 20);
        Path file = Files.writeString(temp.resolve("e.jsonl"), "short\n" + longLine + "\nend\n");

        Events events = EventFile.load(file);

        assertThat(events.count()).isEqualTo(3);
        assertThat(events.line(1)).hasSize(longLine.length());
        assertThat(text(events.line(2))).isEqualTo("end");
    }

    @Test
    void shouldSayHowToGenerateAMissingFile() {
        assertThatThrownBy(() -> EventFile.load(temp.resolve("missing.jsonl")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.jsonl does not exist")
                .hasMessageContaining("GenEvents.java");
    }

    @Test
    void shouldRefuseAFileWithoutEvents() throws Exception {
        Path file = Files.writeString(temp.resolve("e.jsonl"), "\n\n");

        assertThatThrownBy(() -> EventFile.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("holds no event");
    }
}
