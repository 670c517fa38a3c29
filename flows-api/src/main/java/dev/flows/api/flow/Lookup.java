package dev.flows.api.flow;

import java.util.Objects;

/** Where an enrich step looks values up. */
public sealed interface Lookup {

    /**
     * A file read once when the flow starts: a JSON object (key → value) or a CSV file whose first column is
     * the key and whose header names the fields of the value.
     *
     * @param path relative to the flow directory
     */
    record FromFile(String path) implements Lookup {
        public FromFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A state table that another flow keeps up to date (a stream-table join): each event sees the row as
     * committed when the event is processed.
     */
    record FromTable(String table) implements Lookup {
        public FromTable {
            Objects.requireNonNull(table, "table");
        }
    }
}
