package dev.flows.server.http;

import dev.flows.api.state.TableRow;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.util.RawValue;

/** One row of a state table, its value embedded as the JSON it is stored as. */
record RowView(String key, RawValue value) {

    static RowView of(TableRow row) {
        return new RowView(row.key(), new RawValue(new String(row.value(), StandardCharsets.UTF_8)));
    }
}
