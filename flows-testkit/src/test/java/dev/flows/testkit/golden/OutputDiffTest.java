package dev.flows.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Differences by target, in order or as multisets, and how they read. */
class OutputDiffTest {

    private static List<Emitted> lines(String text) {
        return GoldenFile.read("expected.jsonl", text, "alerts");
    }

    private static final String A = "{\"type\":\"t\",\"data\":{\"order\":\"a\"}}\n";
    private static final String B = "{\"type\":\"t\",\"data\":{\"order\":\"b\"}}\n";
    private static final String C = "{\"type\":\"t\",\"data\":{\"order\":\"c\"}}\n";

    @Test
    void shouldShowOneMissingEventAsOneLine() {
        OutputDiff diff = OutputDiff.compare(lines(A + B + C), lines(A + C), false);

        assertThat(diff.same()).isFalse();
        assertThat(diff.render("expected.jsonl")).isEqualTo("""
                        output differs from expected.jsonl (- expected, not emitted; + emitted, not expected):
                        channel alerts:
                          - expected.jsonl:2  {"type":"t","data":{"order":"b"}}
                        1 line(s) expected and not emitted, 0 emitted and not expected (3 expected, 2 emitted)
                        """);
    }

    @Test
    void shouldCompareOrderUnlessAnyOrderIsAsked() {
        assertThat(OutputDiff.compare(lines(A + B), lines(B + A), false).differences())
                .extracting(difference -> difference.line().line(), OutputDiff.Difference::missing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
        assertThat(OutputDiff.compare(lines(A + B + A), lines(B + A + A), true).same())
                .isTrue();
        assertThat(OutputDiff.compare(lines(A + B + A), lines(B + A), true).differences())
                .singleElement()
                .satisfies(difference -> assertThat(difference.missing()).isTrue());
    }

    @Test
    void shouldCompareTableRowsAsASetAndTargetsApart() {
        String rows = "{\"table\":\"t\",\"key\":\"u2\",\"row\":1}\n{\"table\":\"t\",\"key\":\"u1\",\"row\":2}\n";
        String sorted = "{\"table\":\"t\",\"key\":\"u1\",\"row\":2}\n{\"table\":\"t\",\"key\":\"u2\",\"row\":1}\n";

        assertThat(OutputDiff.compare(lines(rows), lines(sorted), false).same()).isTrue();
        assertThat(OutputDiff.compare(lines(A), lines("{\"channel\":\"other\"," + A.substring(1)), false)
                        .render("e.jsonl"))
                .contains("channel alerts:\n  - e.jsonl:1")
                .contains("channel other:\n  + actual line 1");
    }

    @Test
    void shouldSayHowManyLinesMatched() {
        assertThat(OutputDiff.compare(lines(A + B), lines(A + B), false).render("expected.jsonl"))
                .isEqualTo("output matches expected.jsonl: 2 line(s)\n");
    }
}
