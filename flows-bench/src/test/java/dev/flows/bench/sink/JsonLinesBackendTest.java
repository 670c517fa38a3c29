package dev.flows.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesBackendTest {

    @TempDir
    Path temp;

    private static ChannelDefinition channel(String name) {
        return new ChannelDefinition(name, 1, SourceLocation.JAVA);
    }

    private static Append event(String data) {
        return new Append(null, ("{\"id\":\"e\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void shouldWriteEachEventsDataAsALineOfItsChannelsFile() throws Exception {
        Path out = temp.resolve("out");
        try (JsonLinesBackend backend = JsonLinesBackend.writingTo(out, Set.of("carts"))) {
            Channel carts = backend.open(channel("carts"));

            List<Position> positions = carts.append(List.of(event("{\"a\":1}"), event("[2]")));
            carts.append(List.of(event("3")));

            assertThat(positions).containsExactly(new Position(0, 0), new Position(0, 1));
            assertThat(backend.records("carts")).isEqualTo(3);
        }
        assertThat(Files.readAllLines(out.resolve("carts.jsonl"))).containsExactly("{\"a\":1}", "[2]", "3");
    }

    @Test
    void shouldCreateTheOutputsEvenEmptyAndNoFileForChannelsNotWritten() {
        try (JsonLinesBackend backend = JsonLinesBackend.writingTo(temp, Set.of("windows"))) {
            backend.open(channel("windows"));
            backend.open(channel("events"));
        }
        assertThat(temp.resolve("windows.jsonl")).isEmptyFile();
        assertThat(temp.resolve("events.jsonl")).doesNotExist();
    }

    @Test
    void shouldSayThatAFileSinkCannotBeRead() {
        try (JsonLinesBackend backend = JsonLinesBackend.discarding()) {
            Channel orders = backend.open(channel("orders"));
            orders.append(List.of(event("1")));

            assertThat(backend.records("orders")).isEqualTo(1);
            assertThatThrownBy(() -> orders.read(0, 0, 10))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("channel 'orders' is a benchmark file sink")
                    .hasMessageContaining("no reads");
        }
    }
}
