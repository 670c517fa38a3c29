package dev.flows.testkit.golden;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The differences between the expected and the actual output of a flow, per target: lines expected and not
 * emitted ({@code -}) and lines emitted and not expected ({@code +}). Channel events and webhook calls are
 * compared in order (a longest common subsequence, so that one missing event shows as one line), or as
 * multisets with {@code anyOrder}; table rows are always compared as a set, since a table has no order but
 * its keys'. Immutable.
 *
 * @param differences every difference, by target (in name order), each target's in line order
 * @param expected    how many lines were expected
 * @param actual      how many lines were emitted
 */
public record OutputDiff(List<Difference> differences, int expected, int actual) {

    /** Above this many line pairs per target, lines are compared position by position instead. */
    private static final long MAX_LCS_CELLS = 25_000_000;

    public OutputDiff {
        differences = List.copyOf(differences);
    }

    /**
     * One line on one side only.
     *
     * @param missing true for a line expected and not emitted, false for one emitted and not expected
     */
    public record Difference(Emitted line, boolean missing) {
        public Difference {
            Objects.requireNonNull(line, "line");
        }
    }

    /** Compares expected and actual output. */
    public static OutputDiff compare(List<Emitted> expected, List<Emitted> actual, boolean anyOrder) {
        Map<String, List<Emitted>> expectedByTarget = byTarget(expected);
        Map<String, List<Emitted>> actualByTarget = byTarget(actual);
        TreeSet<String> targets = new TreeSet<>(expectedByTarget.keySet());
        targets.addAll(actualByTarget.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String target : targets) {
            List<Emitted> want = expectedByTarget.getOrDefault(target, List.of());
            List<Emitted> got = actualByTarget.getOrDefault(target, List.of());
            boolean unordered = anyOrder || target.startsWith(Emitted.TABLE + " ");
            differences.addAll(unordered ? multiset(want, got) : ordered(want, got));
        }
        return new OutputDiff(differences, expected.size(), actual.size());
    }

    /** Whether the flow emitted exactly what was expected. */
    public boolean same() {
        return differences.isEmpty();
    }

    /**
     * The differences as text for a person: per target, the expected lines (with their line numbers in
     * {@code expectedFile}) and the emitted ones (numbered as {@link GoldenFile#format} would write them).
     */
    public String render(String expectedFile) {
        if (same()) {
            return "output matches " + expectedFile + ": " + actual + " line(s)\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("output differs from ")
                .append(expectedFile)
                .append(" (- expected, not emitted; + emitted, not expected):\n");
        int width = differences.stream()
                .mapToInt(difference -> where(difference, expectedFile).length())
                .max()
                .orElse(0);
        String target = null;
        for (Difference difference : differences) {
            if (!difference.line().target().equals(target)) {
                target = difference.line().target();
                text.append(target).append(":\n");
            }
            String where = where(difference, expectedFile);
            text.append("  ")
                    .append(where)
                    .append(" ".repeat(width - where.length() + 2))
                    .append(compact(difference.line()))
                    .append('\n');
        }
        long missing = differences.stream().filter(Difference::missing).count();
        text.append(missing)
                .append(" line(s) expected and not emitted, ")
                .append(differences.size() - missing)
                .append(" emitted and not expected (")
                .append(expected)
                .append(" expected, ")
                .append(actual)
                .append(" emitted)\n");
        return text.toString();
    }

    /** {@code - expected.jsonl:3}, or {@code + actual line 4} numbered as {@link GoldenFile#format} writes it. */
    private static String where(Difference difference, String expectedFile) {
        return difference.missing()
                ? "- " + expectedFile + ":" + difference.line().line()
                : "+ actual line " + difference.line().line();
    }

    private static String compact(Emitted line) {
        String json = GoldenFile.json(line);
        // The target is the heading already; show what is compared.
        return "{" + json.substring(json.indexOf(',') + 1);
    }

    private static Map<String, List<Emitted>> byTarget(List<Emitted> lines) {
        Map<String, List<Emitted>> byTarget = new LinkedHashMap<>();
        lines.forEach(line ->
                byTarget.computeIfAbsent(line.target(), t -> new ArrayList<>()).add(line));
        return byTarget;
    }

    private static List<Difference> multiset(List<Emitted> want, List<Emitted> got) {
        Map<String, Integer> unmatched = new HashMap<>();
        got.forEach(line -> unmatched.merge(line.canonical(), 1, Integer::sum));
        List<Difference> missing = new ArrayList<>();
        for (Emitted line : want) {
            if (unmatched.merge(line.canonical(), -1, Integer::sum) < 0) {
                missing.add(new Difference(line, true));
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        want.forEach(line -> expected.merge(line.canonical(), 1, Integer::sum));
        List<Difference> differences = new ArrayList<>(missing);
        for (Emitted line : got) {
            if (expected.merge(line.canonical(), -1, Integer::sum) < 0) {
                differences.add(new Difference(line, false));
            }
        }
        return differences;
    }

    /** A longest common subsequence of the two lists; what is not in it differs. */
    private static List<Difference> ordered(List<Emitted> want, List<Emitted> got) {
        int n = want.size();
        int m = got.size();
        if ((long) n * m > MAX_LCS_CELLS) {
            return positional(want, got);
        }
        String[] a = want.stream().map(Emitted::canonical).toArray(String[]::new);
        String[] b = got.stream().map(Emitted::canonical).toArray(String[]::new);
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Difference> differences = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                differences.add(new Difference(want.get(i++), true));
            } else {
                differences.add(new Difference(got.get(j++), false));
            }
        }
        return differences;
    }

    private static List<Difference> positional(List<Emitted> want, List<Emitted> got) {
        List<Difference> differences = new ArrayList<>();
        for (int k = 0; k < Math.max(want.size(), got.size()); k++) {
            boolean same = k < want.size()
                    && k < got.size()
                    && want.get(k).canonical().equals(got.get(k).canonical());
            if (!same && k < want.size()) {
                differences.add(new Difference(want.get(k), true));
            }
            if (!same && k < got.size()) {
                differences.add(new Difference(got.get(k), false));
            }
        }
        return differences;
    }
}
