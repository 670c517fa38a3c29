package dev.flows.server;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second Flows process off a data directory that one is already using: two writers on one log
 * would interleave records. The OS releases the lock when the process dies, even by SIGKILL.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel file;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolve(".lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel file = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = file.tryLock();
            if (lock == null) {
                file.close();
                throw new ConfigurationException("data directory " + dataDir.toAbsolutePath()
                        + " is in use by another flows process; stop it, or give this one another --data directory");
            }
            return new DataDirectoryLock(file, lock);
        } catch (IOException e) {
            throw new StorageException(
                    "cannot lock " + lockFile.toAbsolutePath() + ": " + e.getMessage()
                            + "; check that the directory exists and is writable",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            file.close();
        } catch (IOException e) {
            throw new StorageException("cannot release the lock on the data directory: " + e.getMessage(), e);
        }
    }
}
