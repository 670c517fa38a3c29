package dev.flows.log.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A disk in memory that keeps what was written apart from what was forced, in the manner of SQLite's crash
 * VFS: file contents become durable on {@link StorageFile#force()}, directory entries (creations, renames,
 * deletes) on {@link #forceDirectory}. {@link #powerLoss} returns the disk as it would come back after a
 * power cut: everything not forced dropped, and the unforced tail of a file optionally kept in part and
 * torn at a random byte of its last page. It can also fill up (writes fail with "No space left on device"
 * after writing what fits) and fail forces on demand. Thread-safe (one lock for everything).
 */
public final class SimulatedStorage implements Storage {

    private static final int PAGE = 4096;

    /** A file's bytes: {@code data} as written, and what survives a power loss. */
    private static final class Node {
        final boolean directory;
        byte[] data = new byte[0];
        int size;
        int durableSize;
        byte[] durableSnapshot;

        Node(boolean directory) {
            this.directory = directory;
        }

        /** Keeps the durable prefix aside before a write or truncation touches it. */
        void protect(long position) {
            if (position < durableSize && durableSnapshot == null) {
                durableSnapshot = Arrays.copyOf(data, durableSize);
            }
        }

        byte[] durable() {
            return durableSnapshot != null ? durableSnapshot.clone() : Arrays.copyOf(data, durableSize);
        }
    }

    private final Map<Path, Node> entries = new HashMap<>();
    private final Map<Path, Node> durableEntries = new HashMap<>();
    private final Set<Path> locks = new HashSet<>();
    private long capacityBytes = Long.MAX_VALUE;
    private int failingForces;
    private boolean crashed;
    private long opsUntilCrash = -1;
    private long ops;

    /** An empty disk whose root directory exists durably. */
    public SimulatedStorage() {
        Node root = new Node(true);
        entries.put(Path.of("/"), root);
        durableEntries.put(Path.of("/"), root);
    }

    /** The total bytes of all files, as written. */
    public synchronized long usedBytes() {
        return entries.values().stream().mapToLong(node -> node.size).sum();
    }

    /** Bytes of {@code file} written but not forced yet (0 when it is missing). */
    public synchronized long unforcedBytes(Path file) {
        Node node = entries.get(file);
        return node == null ? 0 : Math.max(0, node.size - node.durableSize) + (node.durableSnapshot == null ? 0 : 1);
    }

    /** Makes writes fail once the files would take more than {@code bytes}; {@link Long#MAX_VALUE} to lift. */
    public synchronized void capacityBytes(long bytes) {
        this.capacityBytes = bytes;
    }

    /** Makes the next {@code count} forces fail with an I/O error, leaving what they should force unforced. */
    public synchronized void failForces(int count) {
        this.failingForces = count;
    }

    /** Cuts the power after {@code count} more operations: every operation from then on fails. */
    public synchronized void crashAfter(long count) {
        this.opsUntilCrash = count;
    }

    /** Cuts the power now: every operation from now on fails, until {@link #powerLoss} makes a new disk. */
    public synchronized void crash() {
        crashed = true;
    }

    /** How many operations ran so far. */
    public synchronized long operations() {
        return ops;
    }

    /**
     * The disk as it comes back after a power cut now: only durable directory entries, each file holding
     * its forced bytes; with {@code tear}, a file with an unforced tail keeps a random part of it, its last
     * page cut at a random byte and the rest of that page garbage. Also cuts the power of this disk.
     */
    public synchronized SimulatedStorage powerLoss(Random random, boolean tear) {
        crashed = true;
        SimulatedStorage after = new SimulatedStorage();
        Map<Node, Node> copies = new HashMap<>();
        for (Map.Entry<Path, Node> entry : durableEntries.entrySet()) {
            if (!reachable(entry.getKey())) {
                continue;
            }
            Node old = entry.getValue();
            Node copy = copies.computeIfAbsent(old, node -> survivor(node, random, tear));
            after.entries.put(entry.getKey(), copy);
            after.durableEntries.put(entry.getKey(), copy);
        }
        return after;
    }

    /** Whether every parent of {@code path} exists durably. */
    private boolean reachable(Path path) {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (!durableEntries.containsKey(parent)) {
                return false;
            }
        }
        return true;
    }

    private static Node survivor(Node node, Random random, boolean tear) {
        Node copy = new Node(node.directory);
        byte[] bytes = node.durable();
        if (tear && node.durableSnapshot == null && node.size > node.durableSize && random.nextBoolean()) {
            int kept = random.nextInt(node.size - node.durableSize + 1);
            bytes = Arrays.copyOf(node.data, node.durableSize + kept);
            int pageStart = Math.max(node.durableSize, (bytes.length - 1) / PAGE * PAGE);
            if (bytes.length > pageStart && random.nextBoolean()) {
                int cut = pageStart + random.nextInt(bytes.length - pageStart);
                for (int i = cut; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
        }
        copy.data = bytes;
        copy.size = bytes.length;
        copy.durableSize = bytes.length;
        return copy;
    }

    @Override
    public synchronized StorageFile create(Path file) throws IOException {
        step();
        if (entries.containsKey(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        parentOf(file);
        Node node = new Node(false);
        entries.put(file, node);
        return new SimulatedFile(file, node, true);
    }

    @Override
    public synchronized StorageFile openWritable(Path file) throws IOException {
        step();
        return new SimulatedFile(file, file(file), true);
    }

    @Override
    public synchronized StorageFile openReadable(Path file) throws IOException {
        step();
        return new SimulatedFile(file, file(file), false);
    }

    @Override
    public synchronized boolean exists(Path path) {
        return !crashed && entries.containsKey(path);
    }

    @Override
    public synchronized List<Path> list(Path directory) throws IOException {
        step();
        List<Path> children = new ArrayList<>();
        for (Path path : entries.keySet()) {
            if (directory.equals(path.getParent())) {
                children.add(path);
            }
        }
        children.sort(null);
        return children;
    }

    @Override
    public synchronized void createDirectories(Path directory) throws IOException {
        step();
        for (Path path = directory; path != null && !entries.containsKey(path); path = path.getParent()) {
            entries.put(path, new Node(true));
        }
    }

    @Override
    public synchronized void forceDirectory(Path directory) throws IOException {
        step();
        durableEntries.keySet().removeIf(path -> directory.equals(path.getParent()) && !entries.containsKey(path));
        entries.forEach((path, node) -> {
            if (directory.equals(path.getParent())) {
                durableEntries.put(path, node);
            }
        });
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        step();
        Node node = entries.remove(from);
        if (node == null) {
            throw new NoSuchFileException(from.toString());
        }
        entries.put(to, node);
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        step();
        entries.remove(file);
    }

    @Override
    public synchronized Optional<Closeable> lock(Path file) throws IOException {
        step();
        if (!locks.add(file)) {
            return Optional.empty();
        }
        if (!entries.containsKey(file)) {
            entries.put(file, new Node(false));
        }
        return Optional.of(() -> {
            synchronized (SimulatedStorage.this) {
                locks.remove(file);
            }
        });
    }

    private Node file(Path path) throws IOException {
        Node node = entries.get(path);
        if (node == null || node.directory) {
            throw new NoSuchFileException(path.toString());
        }
        return node;
    }

    private void parentOf(Path file) throws IOException {
        Node parent = entries.get(file.getParent());
        if (parent == null || !parent.directory) {
            throw new NoSuchFileException(file.getParent() + " (the directory of " + file + ")");
        }
    }

    /** Counts an operation and fails it once the power is cut. */
    private void step() throws IOException {
        ops++;
        if (opsUntilCrash >= 0 && opsUntilCrash-- == 0) {
            crashed = true;
        }
        if (crashed) {
            throw new IOException("Input/output error (simulated power loss)");
        }
    }

    /** An open file of the simulated disk. */
    private final class SimulatedFile implements StorageFile {
        private final Path path;
        private final Node node;
        private final boolean writable;
        private boolean closed;

        SimulatedFile(Path path, Node node, boolean writable) {
            this.path = path;
            this.node = node;
            this.writable = writable;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void write(ByteBuffer source, long position) throws IOException {
            synchronized (SimulatedStorage.this) {
                check(true);
                int want = source.remaining();
                long grow = Math.max(0, position + want - node.size);
                long room = capacityBytes - usedBytes();
                int fits = grow <= room ? want : (int) Math.max(0, want - (grow - room));
                node.protect(position);
                ensure((int) position + fits);
                source.get(node.data, (int) position, fits);
                node.size = Math.max(node.size, (int) position + fits);
                if (fits < want) {
                    throw new IOException("No space left on device");
                }
            }
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            synchronized (SimulatedStorage.this) {
                check(false);
                int count = (int) Math.max(0, Math.min(target.remaining(), node.size - position));
                target.put(node.data, (int) position, count);
                return count;
            }
        }

        @Override
        public void force() throws IOException {
            synchronized (SimulatedStorage.this) {
                check(false);
                if (failingForces > 0) {
                    failingForces--;
                    throw new IOException("Input/output error (simulated fsync failure)");
                }
                node.durableSize = node.size;
                node.durableSnapshot = null;
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (SimulatedStorage.this) {
                check(true);
                if (size < node.size) {
                    node.protect(size);
                    Arrays.fill(node.data, (int) size, node.size, (byte) 0);
                    node.size = (int) size;
                }
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (SimulatedStorage.this) {
                check(false);
                return node.size;
            }
        }

        @Override
        public void close() {
            synchronized (SimulatedStorage.this) {
                closed = true;
            }
        }

        private void check(boolean write) throws IOException {
            step();
            if (closed) {
                throw new java.nio.channels.ClosedChannelException();
            }
            if (write && !writable) {
                throw new IOException("Bad file descriptor: " + path + " is open for reading only");
            }
        }

        private void ensure(int size) {
            if (size > node.data.length) {
                node.data = Arrays.copyOf(node.data, Math.max(size, node.data.length * 2));
            }
        }
    }
}
