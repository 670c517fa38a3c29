package dev.flows.bench.reference;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asserts that a JSON-lines output holds exactly the expected rows, as multisets of JSON objects; a
 * difference is reported by its counts and first rows both ways, rather than as two huge lists. Stateless.
 */
public final class SameRows {

    private static final int SHOWN = 5;

    private SameRows() {}

    /** @param expected canonical rows, sorted, as {@link Expected} gives them */
    public static void assertSameRows(Path output, List<String> expected) {
        List<String> actual = Rows.read(output);
        if (actual.equals(expected)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int e = 0;
        int a = 0;
        while (e < expected.size() || a < actual.size()) {
            int order = e == expected.size()
                    ? 1
                    : a == actual.size() ? -1 : expected.get(e).compareTo(actual.get(a));
            if (order == 0) {
                e++;
                a++;
            } else if (order < 0) {
                missing.add(expected.get(e++));
            } else {
                unexpected.add(actual.get(a++));
            }
        }
        fail(
                "%s has %,d rows, %,d expected: %,d missing, e.g. %s; %,d unexpected, e.g. %s",
                output,
                actual.size(),
                expected.size(),
                missing.size(),
                missing.subList(0, Math.min(SHOWN, missing.size())),
                unexpected.size(),
                unexpected.subList(0, Math.min(SHOWN, unexpected.size())));
    }
}
