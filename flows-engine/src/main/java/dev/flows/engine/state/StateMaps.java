package dev.flows.engine.state;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps of a state store file and their types, in one place for the store and its compaction:
 *
 * <pre>
 * table.&lt;name&gt;     String row key   -&gt; byte[] JSON row        one map per state table
 * offsets          String OffsetKey -&gt; Long next offset      one map for every consumer
 * changes.&lt;name&gt;   Long version     -&gt; byte[] {@link ChangeEntry}  a state table's recent changes
 * change-versions  String table     -&gt; Long last version     one map for every changelog
 * </pre>
 */
final class StateMaps {

    static final String TABLE_PREFIX = "table.";
    static final String OFFSETS = "offsets";
    static final String CHANGES_PREFIX = "changes.";
    static final String CHANGE_VERSIONS = "change-versions";

    private StateMaps() {}

    static MVMap<String, byte[]> openTable(MVStore store, String table) {
        return store.openMap(
                TABLE_PREFIX + table,
                new MVMap.Builder<String, byte[]>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
    }

    static MVMap<String, Long> openOffsets(MVStore store) {
        return store.openMap(
                OFFSETS,
                new MVMap.Builder<String, Long>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(LongDataType.INSTANCE));
    }

    static MVMap<Long, byte[]> openChanges(MVStore store, String table) {
        return store.openMap(
                CHANGES_PREFIX + table,
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    static MVMap<String, Long> openChangeVersions(MVStore store) {
        return store.openMap(
                CHANGE_VERSIONS,
                new MVMap.Builder<String, Long>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(LongDataType.INSTANCE));
    }
}
