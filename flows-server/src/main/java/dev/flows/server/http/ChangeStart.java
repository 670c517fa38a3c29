package dev.flows.server.http;

import dev.flows.api.state.ChangeVersions;

/**
 * Where a stream of a table's changes starts: the version after which it sends, from the {@code Last-Event-ID}
 * header of a reconnecting client (the last version it received) or else the {@code from} parameter
 * ({@code latest}, the default: only changes made from now on; {@code earliest}: the oldest change kept; or a
 * version, the first to send). Stateless.
 */
final class ChangeStart {

    private ChangeStart() {}

    /**
     * The version after which to send changes of {@code table}.
     *
     * @throws ApiException 400 if the header or parameter is not a version or names one the table has not
     *     reached; 410 if changes after it are no longer kept
     */
    static long after(String table, String lastEventId, String from, ChangeVersions versions) {
        long after;
        String what;
        if (lastEventId != null && !lastEventId.isBlank()) {
            what = "header 'Last-Event-ID' (the last version received) is '" + lastEventId + "'";
            after = version(lastEventId, what);
        } else if (from == null || from.isBlank() || from.equals("latest")) {
            return versions.last();
        } else if (from.equals("earliest")) {
            return versions.first() - 1;
        } else {
            what = "query parameter 'from' (the first version to send) is '" + from + "'";
            after = Math.max(0, version(from, what) - 1);
        }
        if (after > versions.last()) {
            throw ApiException.badRequest(
                    "unknown-version",
                    what + ", but the latest change of table '" + table + "' is version " + versions.last()
                            + "; a version from another data directory cannot be resumed, start again with"
                            + " from=earliest or from=latest");
        }
        if (!versions.keepsAfter(after)) {
            throw ApiException.gone(
                    "changes-expired",
                    what + ", but table '" + table + "' keeps only its changes from version " + versions.first()
                            + " on; read the table with GET /tables/" + table + ", whose answer has the version it"
                            + " reflects, then follow the changes from the version after that");
        }
        return after;
    }

    private static long version(String text, String what) {
        try {
            long version = Long.parseLong(text.strip());
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw ApiException.badRequest(
                "invalid-parameter", what + "; use a change version (a whole number, 0 or more), earliest or latest");
    }
}
