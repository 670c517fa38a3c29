package dev.flows.bench.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubjectScanTest {

    private static byte[] subject(String json) {
        return SubjectScan.subject(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFindTheSubjectOfACloudEvent() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e000000011\",\"type\":\"shop.page.view\","
                + "\"time\":\"2026-01-01T00:00:00.056Z\",\"subject\":\"u009280\",\"data\":{\"user\":\"u009280\"}}";

        assertThat(subject(json)).asString(StandardCharsets.UTF_8).isEqualTo("u009280");
    }

    @Test
    void shouldFindASubjectAtTheStartOrEndOfTheLine() {
        assertThat(subject("{\"subject\":\"a\"}"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("a");
        assertThat(subject("{\"x\":1,\"subject\":\"\"}")).isEmpty();
    }

    @Test
    void shouldSkipOtherJsBeforeTheSubject() {
        assertThat(subject("{\"type\":\"jobs.major\",\"source\":\"/j/j\",\"subject\":\"jay\"}"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("jay");
    }

    @Test
    void shouldFindTheSubjectWhereverItStartsWithinAWord() {
        for (int padding = 0; padding < 24; padding++) {
            String json = "{" + " ".repeat(padding) + "\"subject\":\"u1\"}";

            assertThat(subject(json)).as(json).asString(StandardCharsets.UTF_8).isEqualTo("u1");
            assertThat(subject(json.substring(0, json.length() - 3))).as(json).isNull();
        }
    }

    @Test
    void shouldKeepEscapedQuotesInsideTheSubject() {
        assertThat(subject("{\"subject\":\"a\\\"b\",\"x\":1}"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("a\\\"b");
    }

    @Test
    void shouldGiveNullWithoutAStringSubject() {
        assertThat(subject("{\"id\":\"1\",\"type\":\"t\"}")).isNull();
        assertThat(subject("{\"subject\":null}")).isNull();
        assertThat(subject("{\"subject\":\"unterminated")).isNull();
        assertThat(subject("")).isNull();
    }
}
