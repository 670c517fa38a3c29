package dev.flows.server.http;

import dev.flows.api.state.StateStore;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state tables the API knows: those a flow declares (even before their first row) and those the store
 * holds rows of. Thread-safe.
 */
final class KnownTables {

    private final StateStore state;
    private final Set<String> declared;

    KnownTables(StateStore state, Set<String> declared) {
        this.state = state;
        this.declared = Set.copyOf(declared);
    }

    /**
     * {@code table}, if it is known.
     *
     * @throws ApiException 404 naming the known tables otherwise
     */
    String require(String table) {
        if (!declared.contains(table) && state.size(table) == 0) {
            throw ApiException.notFound(
                    "unknown-table",
                    "table '" + table + "' does not exist; the tables are: " + String.join(", ", names())
                            + ". A table is declared by a flow's 'to: - table:' destination");
        }
        return table;
    }

    /** Every known table, in name order. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(declared);
        names.addAll(state.tables());
        return names;
    }
}
