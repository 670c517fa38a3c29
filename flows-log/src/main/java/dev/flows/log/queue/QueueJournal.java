package dev.flows.log.queue;

import dev.flows.api.error.StorageException;
import dev.flows.log.group.DurableFiles;
import dev.flows.log.queue.JournalEntry.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue's state journal: one append-only file of {@link JournalEntry} records ({@link JournalFormat}),
 * replayed on open and rewritten as a compact snapshot from time to time.
 *
 * <p>Thread-safe, with group commit: {@link #append} writes under a short lock and returns a ticket;
 * {@link #sync} makes the entries up to the ticket durable, and one flush serves every thread waiting at
 * the time. {@link #rewrite} writes a snapshot beside the file, forces it and renames it over the journal,
 * so the journal is always either the old file or the new one, each whole. I/O goes through
 * {@link RandomAccessFile}, which ignores interrupts (see {@link DurableFiles}). After a failed write or flush
 * the journal refuses every later call, because what is on disk is no longer known; reopening the queue
 * replays what is. Lock order: the queue's lock, then {@code forceLock}, then {@code writeLock}.
 */
final class QueueJournal implements AutoCloseable {

    /** The journal's file name in the queue's directory. */
    static final String FILE_NAME = "queue.journal";

    private static final System.Logger LOG = System.getLogger(QueueJournal.class.getName());

    private final Path file;
    private final String queue;
    private final ReentrantLock forceLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private RandomAccessFile out;
    private long fileBytes;
    private long written;
    private volatile long forced;
    private RuntimeException failure;

    private QueueJournal(Path file, String queue) {
        this.file = file;
        this.queue = queue;
    }

    /**
     * Reads the journal in {@code directory}, if any, and returns its entries. Stops at a torn tail (entries a
     * crash cut short, whose writers were never told they were durable), logged once at WARNING; the
     * {@link #create} that follows a replay leaves it out of the new file.
     *
     * @throws StorageException if the file cannot be read or its first entry is damaged
     */
    static List<JournalEntry> replay(Path directory, String queue) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(DurableFiles.readAll(file));
        } catch (IOException e) {
            throw new StorageException(
                    "could not read the journal " + file + " of queue '" + queue + "': " + e
                            + "; check the disk and the file's permissions, then open the queue again",
                    e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        int position = 0;
        while (position < bytes.limit()) {
            JournalFormat.Decoded decoded = JournalFormat.decode(bytes, position);
            if (decoded.problem() != null) {
                dropTail(file, queue, entries.isEmpty(), position, bytes.limit(), decoded.problem());
                break;
            }
            entries.add(decoded.entry());
            position = decoded.next();
        }
        if (!entries.isEmpty() && !(entries.getFirst() instanceof Header)) {
            throw damaged(file, queue, 0, "it does not start with a header entry");
        }
        return entries;
    }

    /**
     * Writes {@code snapshot} as a new journal file in {@code directory}, replacing any, and opens it for
     * appending.
     *
     * @throws StorageException if the file cannot be written
     */
    static QueueJournal create(Path directory, String queue, List<JournalEntry> snapshot) {
        QueueJournal journal = new QueueJournal(directory.resolve(FILE_NAME), queue);
        journal.rewrite(snapshot);
        return journal;
    }

    /**
     * Writes {@code entries} at the end of the journal, not yet durable.
     *
     * @return the ticket to pass to {@link #sync}
     * @throws StorageException if the write fails, or an earlier one did
     */
    long append(List<JournalEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        entries.forEach(entry -> bytes.writeBytes(JournalFormat.encode(entry)));
        writeLock.lock();
        try {
            checkUsable();
            out.seek(fileBytes);
            out.write(bytes.toByteArray());
            fileBytes += bytes.size();
            written += bytes.size();
            return written;
        } catch (IOException e) {
            throw fail("write", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns once every entry up to {@code ticket} is on disk, flushing if no other thread has yet.
     *
     * @throws StorageException if the flush fails, or an earlier write or flush did
     */
    void sync(long ticket) {
        if (forced >= ticket) {
            return;
        }
        forceLock.lock();
        try {
            if (forced >= ticket) {
                return;
            }
            long target;
            RandomAccessFile file;
            writeLock.lock();
            try {
                checkUsable();
                target = written;
                file = out;
            } finally {
                writeLock.unlock();
            }
            file.getFD().sync();
            forced = target;
        } catch (IOException e) {
            throw fail("flush", e);
        } finally {
            forceLock.unlock();
        }
    }

    /**
     * Replaces the journal by {@code snapshot}, durably: everything appended before counts as synced, since
     * the snapshot holds its effect.
     *
     * @throws StorageException if the new file cannot be written
     */
    void rewrite(List<JournalEntry> snapshot) {
        forceLock.lock();
        writeLock.lock();
        try {
            checkUsable();
        } catch (RuntimeException e) {
            writeLock.unlock();
            forceLock.unlock();
            throw e;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            snapshot.forEach(entry -> bytes.writeBytes(JournalFormat.encode(entry)));
            DurableFiles.writeAtomically(file, bytes.toByteArray());
            if (out != null) {
                out.close();
            }
            out = new RandomAccessFile(file.toFile(), "rw");
            fileBytes = bytes.size();
            forced = written;
        } catch (IOException e) {
            throw fail("rewrite", e);
        } finally {
            writeLock.unlock();
            forceLock.unlock();
        }
    }

    /** Bytes in the journal file now, for deciding when to compact. */
    long sizeBytes() {
        writeLock.lock();
        try {
            return fileBytes;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Flushes and closes the file. Idempotent.
     *
     * @throws StorageException if the flush or the close fails
     */
    @Override
    public void close() {
        forceLock.lock();
        writeLock.lock();
        try (RandomAccessFile closing = out) {
            if (closing != null && failure == null) {
                closing.getFD().sync();
                forced = written;
            }
        } catch (IOException e) {
            throw fail("close", e);
        } finally {
            failure = failure == null ? new IllegalStateException("queue '" + queue + "' is closed") : failure;
            writeLock.unlock();
            forceLock.unlock();
        }
    }

    private void checkUsable() {
        if (failure instanceof IllegalStateException closed) {
            throw new IllegalStateException(
                    closed.getMessage() + " (" + file + "); get the queue again from" + " the reopened channel");
        }
        if (failure != null) {
            throw new StorageException(
                    "the journal " + file + " of queue '" + queue + "' failed earlier (" + failure.getMessage()
                            + "), so its state on disk is unknown; fix the disk, then reopen the channel, which"
                            + " replays the journal",
                    failure);
        }
    }

    private StorageException fail(String what, Exception e) {
        StorageException failed = new StorageException(
                "could not " + what + " the journal " + file + " of queue '" + queue + "': " + e
                        + "; check the disk (space, errors), then reopen the channel, which replays the journal",
                e);
        if (failure == null) {
            failure = failed;
        }
        return failed;
    }

    private static void dropTail(Path file, String queue, boolean atStart, int position, int size, String problem) {
        if (atStart) {
            throw damaged(file, queue, position, problem);
        }
        LOG.log(
                Level.WARNING,
                "queue ''{0}'': dropping the last {1} bytes of its journal {2} from byte {3} ({4}), a write cut"
                        + " short by a crash; the acks and deliveries they held were never confirmed, so those"
                        + " records are delivered again",
                queue,
                size - position,
                file,
                position,
                problem);
    }

    private static StorageException damaged(Path file, String queue, int position, String problem) {
        return new StorageException("the journal " + file + " of queue '" + queue + "' is damaged at byte "
                + position + ": " + problem + "; restore the file from a backup, or delete the queue's directory "
                + file.getParent() + " to start the queue over (every record of the channel is delivered again)");
    }
}
