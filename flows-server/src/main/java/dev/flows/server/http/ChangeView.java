package dev.flows.server.http;

import dev.flows.api.state.TableChange;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.util.RawValue;

/**
 * One change of a table as {@code GET /tables/{name}/changes} sends it: {@code {"key": "u1", "op": "upsert",
 * "row": {...}, "version": 7}}, the row embedded as stored; a delete has {@code "op": "delete"} and a null row.
 */
record ChangeView(String key, String op, RawValue row, long version) {

    static ChangeView of(TableChange change) {
        return new ChangeView(
                change.key(),
                change.deleted() ? "delete" : "upsert",
                change.deleted() ? null : new RawValue(new String(change.row(), StandardCharsets.UTF_8)),
                change.version());
    }
}
