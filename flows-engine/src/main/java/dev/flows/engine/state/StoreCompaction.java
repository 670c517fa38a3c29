package dev.flows.engine.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Rewrites the live rows, offsets and changelogs of a state store into a fresh file and swaps it in with an atomic
 * rename. The store never reuses space inside its file (see {@link MvStateStore}), so this copy is how the
 * file shrinks. A crash before the rename leaves the old file whole and a temporary file that {@link
 * #removeLeftover} deletes at the next open; after the rename the new file is complete and forced to disk.
 * Not thread-safe: the caller holds the store's write lock.
 */
final class StoreCompaction {

    private StoreCompaction() {}

    /** The temporary file a compaction of {@code file} writes. */
    static Path temporaryFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    /** Deletes the temporary file of a compaction a crash interrupted. */
    static void removeLeftover(Path file) throws IOException {
        Files.deleteIfExists(temporaryFile(file));
    }

    /** Copies every non-empty table, changelog and the offsets of {@code source} into the temporary file, forced to disk. */
    static Path copy(MVStore source, Path file) throws IOException {
        Path target = temporaryFile(file);
        Files.deleteIfExists(target);
        MVStore copy = new MVStore.Builder()
                .fileName(target.toString())
                .autoCommitDisabled()
                .open();
        try {
            for (String name : source.getMapNames()) {
                if (name.startsWith(StateMaps.TABLE_PREFIX)) {
                    String table = name.substring(StateMaps.TABLE_PREFIX.length());
                    copyAll(StateMaps.openTable(source, table), () -> StateMaps.openTable(copy, table));
                } else if (name.equals(StateMaps.OFFSETS)) {
                    copyAll(StateMaps.openOffsets(source), () -> StateMaps.openOffsets(copy));
                } else if (name.startsWith(StateMaps.CHANGES_PREFIX)) {
                    String table = name.substring(StateMaps.CHANGES_PREFIX.length());
                    copyAll(StateMaps.openChanges(source, table), () -> StateMaps.openChanges(copy, table));
                } else if (name.equals(StateMaps.CHANGE_VERSIONS)) {
                    copyAll(StateMaps.openChangeVersions(source), () -> StateMaps.openChangeVersions(copy));
                }
            }
            copy.commit();
            copy.sync();
        } finally {
            copy.close();
        }
        return target;
    }

    private static <K, V> void copyAll(MVMap<K, V> from, Supplier<MVMap<K, V>> to) {
        if (from.isEmpty()) {
            return;
        }
        MVMap<K, V> target = to.get();
        for (Map.Entry<K, V> entry : from.entrySet()) {
            target.put(entry.getKey(), entry.getValue());
        }
    }

    /** Replaces {@code file} by the compacted copy and forces the rename to disk. */
    static void swapIn(Path copy, Path file) throws IOException {
        Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic, only its durability waits.
        }
    }
}
