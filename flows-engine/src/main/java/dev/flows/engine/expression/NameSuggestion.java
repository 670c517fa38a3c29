package dev.flows.engine.expression;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the name a misspelt one most likely meant (a CEL variable or function, a YAML key, a channel), by
 * edit distance (Levenshtein), accepting one edit in names of up to three letters and two (or a third of the
 * length, when longer) in others. Stateless.
 */
public final class NameSuggestion {

    private NameSuggestion() {}

    /** The closest of {@code names} to {@code written}, if one is close enough. */
    public static Optional<String> closest(String written, Collection<String> names) {
        int allowed = written.length() <= 3 ? 1 : Math.max(2, written.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = distance(written, name);
            if (distance <= allowed && distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"}, or "" when nothing is close. */
    public static String didYouMean(String written, Collection<String> names) {
        return closest(written, names)
                .map(name -> "; did you mean '" + name + "'?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
