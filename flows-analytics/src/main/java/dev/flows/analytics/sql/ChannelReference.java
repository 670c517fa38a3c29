package dev.flows.analytics.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code channel('name')} in a query: where it is and which channel it names. The query runs with each
 * replaced by a relation of the same length (a quoted name: {@code "hannel('shop'"}), so that the positions DuckDB
 * reports in errors are positions in the query as the user wrote it.
 *
 * @param start the index of its first character in the query
 * @param text  as written, such as {@code channel( 'shop' )}
 * @param name  the channel it names
 */
record ChannelReference(int start, String text, String name) {

    /** {@code channel('x')}, any case, spaces allowed, not part of a longer name (such as {@code my_channel('x')}). */
    private static final Pattern CALL =
            Pattern.compile("(?<![\\w.\"])channel\\s*\\(\\s*'([^']*)'\\s*\\)", Pattern.CASE_INSENSITIVE);

    /** Every reference in the query, in order. */
    static List<ChannelReference> in(String sql) {
        List<ChannelReference> references = new ArrayList<>();
        Matcher matcher = CALL.matcher(sql);
        while (matcher.find()) {
            references.add(new ChannelReference(matcher.start(), matcher.group(), matcher.group(1)));
        }
        return references;
    }

    /** The name of the view that stands in for it: the text without its first and last character, quoted. */
    String viewName() {
        return "\"" + text.substring(1, text.length() - 1) + "\"";
    }

    /** The query with every reference replaced by its view, each keeping its length. */
    static String substitute(String sql, List<ChannelReference> references) {
        StringBuilder out = new StringBuilder(sql);
        for (ChannelReference reference : references) {
            out.replace(reference.start, reference.start + reference.text.length(), reference.viewName());
        }
        return out.toString();
    }
}
