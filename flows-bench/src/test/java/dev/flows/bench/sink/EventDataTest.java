package dev.flows.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventDataTest {

    private static String data(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventData.write(event.getBytes(StandardCharsets.UTF_8), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSliceTheDataAsTheEngineWritesIt() throws IOException {
        assertThat(data(
                        "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"t\",\"data\":{\"user\":\"u1\",\"n\":[1,{\"a\":"
                                + "\"}\"}],\"total\":1.5}}"))
                .isEqualTo("{\"user\":\"u1\",\"n\":[1,{\"a\":\"}\"}],\"total\":1.5}");
    }

    @Test
    void shouldNotTakeDataWrittenInsideAStringForTheMember() throws IOException {
        assertThat(data("{\"id\":\"x,\\\"data\\\":1\",\"subject\":\"a,\",\"data\":{\"data\":2}}"))
                .isEqualTo("{\"data\":2}");
    }

    @Test
    void shouldSliceDataThatIsNotTheLastMemberOrNotAnObject() throws IOException {
        assertThat(data("{\"data\":[1,2],\"id\":\"e1\"}")).isEqualTo("[1,2]");
        assertThat(data("{\"id\":\"e1\",\"data\":\"a \\\"quoted\\\\\",\"x\":1}"))
                .isEqualTo("\"a \\\"quoted\\\\\"");
        assertThat(data("{\"id\":\"e1\",\"data\":12.5}")).isEqualTo("12.5");
        assertThat(data("{\"id\":\"e1\",\"data\":true,\"x\":1}")).isEqualTo("true");
    }

    @Test
    void shouldDecodeDataWrittenWithBlanksAndWriteNullForNone() throws IOException {
        assertThat(data("{ \"id\" : \"e1\" , \"data\" : { \"a\" : 1 } }")).isEqualTo("{\"a\":1}");
        assertThat(data("{\"id\":\"e1\",\"type\":\"t\"}")).isEqualTo("null");
    }

    @Test
    void shouldRefuseWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> data("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> data("{\"id\":\"e1\",\"data\":{\"a\":1")).hasMessageContaining("not closed");
    }
}
