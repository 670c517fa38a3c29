package dev.flows.log.queue;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import dev.flows.api.error.StorageException;
import dev.flows.log.group.DurableFiles;
import dev.flows.log.group.GroupName;
import dev.flows.log.queue.DeadLetterHeaders.Origin;
import dev.flows.log.queue.JournalEntry.Acked;
import dev.flows.log.queue.JournalEntry.Delivered;
import dev.flows.log.queue.JournalEntry.Header;
import dev.flows.log.queue.JournalEntry.Nacked;
import dev.flows.log.queue.JournalEntry.Next;
import dev.flows.log.queue.JournalEntry.Skipped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A queue over a channel of the embedded log, in the manner of Kafka share groups (KIP-932): competing
 * consumers lease records, ack or nack them, and records that fail {@link ChannelPolicy#maxDeliveries()}
 * times go to the dead-letter channel with {@link DeadLetterHeaders}.
 *
 * <p>Per partition the queue keeps a start offset, below which every record is done (acked, dead-lettered,
 * or deleted by retention first), and the in-flight records above it ({@link PartitionWindow}). Every change
 * goes to a journal ({@link QueueJournal}) before the call that made it returns, so acks, nacks, dead
 * letters and delivery counts survive a crash: a lease is on disk with its count before {@link #poll}
 * hands it out, so a record that crashes its consumer every time still reaches the dead-letter channel
 * after {@code maxDeliveries} deliveries. Leases do not survive a restart: a reopened queue treats them as
 * expired and delivers those records again. Delivery is at least once: a crash after a record is
 * dead-lettered and before the journal says so may dead-letter it twice.
 *
 * <p>Thread-safe. One lock guards the state; journal flushes happen outside it and are shared by the threads
 * waiting at the time (group commit). Lease times come from the injected {@link Clock}; the waits of
 * {@link #poll} are real time, in slices of at most 50 ms, so a record that becomes ready while a consumer
 * waits is seen within about that long.
 */
public final class DurableQueue implements ChannelQueue, AutoCloseable {

    /** The longest single wait of a waiting {@link #poll} before it looks at every partition again. */
    static final long WAIT_SLICE_MS = 50;

    /** The shortest wait on one partition, so that many partitions do not make waiting a spin. */
    static final long MIN_SLICE_MS = 5;

    /** Longer waits are cut to this (about 73 years), so that nano times cannot overflow. */
    private static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE / 4);

    /** Nack errors are cut to this many characters, which bounds journal entries and headers. */
    static final int MAX_ERROR_CHARS = 4096;

    private final String name;
    private final Path directory;
    private final Channel channel;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final int maxDeliveries;
    private final Duration visibilityTimeout;
    private final QueueLimits limits;
    private final Origin origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock redriveLock = new ReentrantLock();
    private final QueueState state;
    private final QueueJournal journal;
    private final Redrive redrive;
    private int pollCursor;
    private int waitCursor;
    private volatile boolean closed;

    private DurableQueue(
            String name,
            Path directory,
            Channel channel,
            ChannelPolicy policy,
            Supplier<Channel> deadLetter,
            Clock clock,
            QueueLimits limits,
            QueueState state,
            QueueJournal journal) {
        this.name = name;
        this.directory = directory;
        this.channel = channel;
        this.clock = clock;
        this.maxDeliveries = policy.maxDeliveries();
        this.visibilityTimeout = policy.visibilityTimeout();
        this.limits = limits;
        this.origin = new Origin(channel.name(), name);
        this.state = state;
        this.journal = journal;
        this.redrive = new Redrive(directory, origin, channel, deadLetter, clock);
        this.deadLetters = new DeadLetters(channel, origin, state, maxDeliveries, deadLetter, clock);
    }

    /**
     * Opens the queue whose state lives in {@code directory}, creating the directory and an empty state when
     * new, replaying the journal when not. Takes {@code maxDeliveries} and {@code visibilityTimeout} from
     * {@code channel.policy()}.
     *
     * @param directory  the queue's own directory; created if missing (its parent must exist)
     * @param name       the queue's name: a lower-case letter, then lower-case letters, digits, '.', '_', '-'
     * @param channel    the channel whose records the queue delivers
     * @param deadLetter gives the dead-letter channel when a record must go there; called under the queue's
     *     lock, must not block on the queue
     * @param clock      the source of lease times and delivery timestamps
     * @throws IllegalArgumentException if the name breaks the rule
     * @throws StorageException         if the directory or journal cannot be read or written, or the journal
     *     is damaged; the message names the file and what to do
     */
    public static DurableQueue open(
            Path directory, String name, Channel channel, Supplier<Channel> deadLetter, Clock clock) {
        return open(directory, name, channel, channel.policy(), deadLetter, clock, QueueLimits.DEFAULT);
    }

    /** As {@link #open(Path, String, Channel, Supplier, Clock)}, with the policy and limits given. */
    static DurableQueue open(
            Path directory,
            String name,
            Channel channel,
            ChannelPolicy policy,
            Supplier<Channel> deadLetter,
            Clock clock,
            QueueLimits limits) {
        GroupName.check("queue", name);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(clock, "clock");
        DurableFiles.createDirectories(directory);
        QueueState state = replay(directory, name, channel);
        QueueJournal journal = QueueJournal.create(directory, name, state.snapshot());
        return new DurableQueue(name, directory, channel, policy, deadLetter, clock, limits, state, journal);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Leases, in turn over the partitions, records that were nacked or whose lease expired, then records
     * never delivered. Before leasing, dead-letters every record whose last allowed delivery failed or
     * expired. Returns once the leases are on disk. A negative {@code wait} counts as zero.
     *
     * @throws IllegalArgumentException if {@code maxEvents} is below 1
     * @throws IllegalStateException    if the queue is closed, or the dead-letter channel is not open
     * @throws StorageException         if the journal, the channel or the dead-letter channel failed
     */
    @Override
    public List<Lease> poll(int maxEvents, Duration wait) throws InterruptedException {
        if (maxEvents < 1) {
            throw new IllegalArgumentException(
                    "queue '" + name + "' was polled for " + maxEvents + " events; ask for at least 1");
        }
        // The wait is real time (a consumer blocking), unlike lease times, which come from the clock. Nano
        // times compare by difference, which stays right for any wait below the cap.
        long waitNanos =
                wait.isNegative() ? 0 : wait.compareTo(LONGEST_WAIT) >= 0 ? LONGEST_WAIT.toNanos() : wait.toNanos();
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            List<Lease> leases = leaseReady(maxEvents);
            long remaining = deadline - System.nanoTime();
            if (!leases.isEmpty() || remaining <= 0) {
                return leases;
            }
            awaitReady(remaining);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refused also for a nacked lease, and for a lease from before the queue was reopened.
     *
     * @throws IllegalArgumentException if the lease's partition does not exist
     * @throws IllegalStateException    if the queue is closed
     * @throws StorageException         if the journal failed
     */
    @Override
    public boolean ack(Lease lease) {
        long ticket;
        lock.lock();
        try {
            checkOpen("ack a lease");
            if (owner(lease) == null) {
                return false;
            }
            ChannelRecord record = lease.record();
            long start = state.window(record.partition()).start();
            Acked acked = new Acked(record.partition(), record.offset());
            state.apply(acked);
            ticket = journal.append(List.of(acked));
            compactIfMoved(record.partition(), start);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        journal.sync(ticket);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>After the last allowed delivery, appends the record to the dead-letter channel before returning. An
     * error longer than {@value #MAX_ERROR_CHARS} characters is cut; a null one is recorded as such.
     *
     * @throws IllegalArgumentException if the lease's partition does not exist
     * @throws IllegalStateException    if the queue is closed, or the dead-letter channel is not open
     * @throws StorageException         if the journal or the dead-letter channel failed
     */
    @Override
    public boolean nack(Lease lease, String error) {
        String text = error == null ? "nacked without an error message" : cut(error);
        long ticket;
        lock.lock();
        try {
            checkOpen("nack a lease");
            InFlight owner = owner(lease);
            if (owner == null) {
                return false;
            }
            int partition = lease.record().partition();
            long offset = lease.record().offset();
            List<JournalEntry> entries = new ArrayList<>();
            long start = state.window(partition).start();
            if (owner.deliveries >= maxDeliveries) {
                deadLetters.deadLetter(List.of(new DeadLetters.Exhausted(partition, offset, owner, text)), entries);
            } else {
                entries.add(new Nacked(partition, offset, text));
                state.apply(entries.getFirst());
            }
            ticket = journal.append(entries);
            compactIfMoved(partition, start);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        journal.sync(ticket);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the dead-letter channel up to its end at the time of the call and appends, in order, the
     * records this queue put there, without their dead-letter headers and with the clock's time as their
     * timestamp. How far it read is committed before each batch is appended, so a crash in between leaves
     * that batch in the dead-letter channel rather than redriving it twice. Concurrent calls run one at a time.
     *
     * @throws IllegalStateException if the queue is closed, or the dead-letter channel is not open
     * @throws StorageException      if a channel or the redrive offsets failed
     */
    @Override
    public long redrive() {
        redriveLock.lock();
        try {
            checkOpen("redrive");
            return redrive.run();
        } finally {
            redriveLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ready counts records never delivered up to each partition's durable end (offsets, on a compacted
     * channel, some of which compaction may have emptied), plus nacked and expired ones. Acked and dead-lettered are totals since the queue was created.
     *
     * @throws IllegalStateException if the queue is closed
     */
    @Override
    public QueueStats stats() {
        lock.lock();
        try {
            checkOpen("report its stats");
            Instant now = clock.instant();
            long ready = 0;
            long leased = 0;
            for (int p = 0; p < state.partitions(); p++) {
                PartitionWindow window = state.window(p);
                ready += Math.max(0, channel.endOffset(p) - Math.max(window.next(), channel.startOffset(p)));
                for (InFlight record : window.pending().values()) {
                    if (record.leasedAt(now)) {
                        leased++;
                    } else {
                        ready++;
                    }
                }
            }
            return new QueueStats(ready, leased, state.acked(), state.deadLettered());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes and closes the journal and the redrive offsets. Outstanding leases are void: their records are
     * delivered again once the queue is reopened. Waiting polls throw {@link IllegalStateException}.
     * Idempotent.
     *
     * @throws StorageException if the final flush fails
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        redriveLock.lock();
        try {
            redrive.close();
        } finally {
            redriveLock.unlock();
            closeJournal();
        }
    }

    @Override
    public String toString() {
        return "queue '" + name + "' of channel '" + channel.name() + "' (" + directory + ")";
    }

    private void closeJournal() {
        lock.lock();
        try {
            journal.close();
        } finally {
            lock.unlock();
        }
    }

    /** Dead-letters exhausted records, then leases ready ones, and returns the leases once on disk. */
    private List<Lease> leaseReady(int maxEvents) {
        List<Lease> leases = new ArrayList<>();
        long ticket = 0;
        lock.lock();
        try {
            checkOpen("poll");
            Instant now = clock.instant();
            List<JournalEntry> entries = new ArrayList<>();
            try {
                deadLetters.deadLetter(deadLetters.exhausted(now), entries);
                lease(now, maxEvents, entries, leases);
            } finally {
                // What was applied must be journaled even if a read failed halfway, or a restart would undo it.
                if (!entries.isEmpty()) {
                    ticket = journal.append(entries);
                }
            }
            if (entries.stream().anyMatch(entry -> !(entry instanceof Delivered))) {
                compactIfMoved(-1, -1);
            }
        } finally {
            lock.unlock();
        }
        journal.sync(ticket);
        return leases;
    }

    /** Leases up to {@code maxEvents} ready records, one partition after another in turn. */
    private void lease(Instant now, int maxEvents, List<JournalEntry> entries, List<Lease> leases) {
        int partitions = state.partitions();
        List<List<Long>> again = new ArrayList<>();
        long[] fresh = new long[partitions];
        long[] ends = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            again.add(redeliverable(p, now, maxEvents));
            PartitionWindow window = state.window(p);
            ends[p] = channel.endOffset(p);
            fresh[p] = Math.max(0, Math.min(ends[p], window.start() + limits.maxWindow()) - window.next());
        }
        int[] againTaken = new int[partitions];
        int[] freshTaken = new int[partitions];
        int first = pollCursor;
        pollCursor = (pollCursor + 1) % partitions;
        for (int taken = 0, idle = 0; taken < maxEvents && idle < partitions; first++) {
            int p = first % partitions;
            if (againTaken[p] < again.get(p).size()) {
                againTaken[p]++;
            } else if (freshTaken[p] < fresh[p]) {
                freshTaken[p]++;
            } else {
                idle++;
                continue;
            }
            idle = 0;
            taken++;
        }
        for (int p = 0; p < partitions; p++) {
            for (long offset : again.get(p).subList(0, againTaken[p])) {
                leaseAgain(p, offset, now, entries, leases);
            }
            if (freshTaken[p] > 0) {
                leaseFresh(p, freshTaken[p], ends[p], now, entries, leases);
            }
        }
    }

    /**
     * Leases up to {@code count} records never delivered. When none is left below {@code end} (compaction
     * removed them), moves past them, so that waiting for records there does not return at once forever.
     */
    private void leaseFresh(
            int partition, int count, long end, Instant now, List<JournalEntry> entries, List<Lease> leases) {
        List<ChannelRecord> records =
                channel.read(partition, state.window(partition).next(), count);
        if (records.isEmpty()) {
            Next next = new Next(partition, end);
            state.apply(next);
            entries.add(next);
        }
        for (ChannelRecord record : records) {
            leaseOne(record, null, now, entries, leases);
        }
    }

    /** The offsets of nacked or expired records of the partition that may be delivered again. */
    private List<Long> redeliverable(int partition, Instant now, int max) {
        List<Long> offsets = new ArrayList<>();
        for (Map.Entry<Long, InFlight> pending :
                state.window(partition).pending().entrySet()) {
            InFlight record = pending.getValue();
            if (offsets.size() < max && !record.leasedAt(now) && record.deliveries < maxDeliveries) {
                offsets.add(pending.getKey());
            }
        }
        return offsets;
    }

    private void leaseAgain(int partition, long offset, Instant now, List<JournalEntry> entries, List<Lease> leases) {
        ChannelRecord record = DeadLetters.readOne(channel, partition, offset);
        if (record == null) {
            Skipped skipped = new Skipped(partition, offset);
            state.apply(skipped);
            entries.add(skipped);
        } else {
            leaseOne(record, state.window(partition).pending().get(offset), now, entries, leases);
        }
    }

    private void leaseOne(
            ChannelRecord record, InFlight previous, Instant now, List<JournalEntry> entries, List<Lease> leases) {
        int deliveries = previous == null ? 1 : previous.deliveries + 1;
        long firstMs = previous == null ? now.toEpochMilli() : previous.firstDeliveryMs;
        Delivered delivered =
                new Delivered(record.partition(), record.offset(), deliveries, firstMs, now.toEpochMilli());
        state.apply(delivered);
        entries.add(delivered);
        Instant expiry = now.plus(visibilityTimeout);
        state.window(record.partition()).pending().get(record.offset()).leaseExpiry = expiry;
        leases.add(new Lease(record, deliveries, expiry));
    }

    /**
     * Waits a slice for something to become ready: new records in one partition (in turn) whose window has
     * room, or, when none has, an ack or nack. Never longer than until the next lease expires.
     */
    private void awaitReady(long remainingNanos) throws InterruptedException {
        int partition = -1;
        long from = 0;
        long sliceNanos;
        lock.lock();
        try {
            checkOpen("poll");
            List<Integer> waitable = new ArrayList<>();
            for (int p = 0; p < state.partitions(); p++) {
                PartitionWindow window = state.window(p);
                if (window.next() < window.start() + limits.maxWindow()) {
                    waitable.add(p);
                }
            }
            long perPartition =
                    TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_SLICE_MS, WAIT_SLICE_MS / Math.max(1, waitable.size())));
            sliceNanos = Math.min(Math.min(remainingNanos, perPartition), nanosToNextExpiry());
            if (waitable.isEmpty()) {
                changed.awaitNanos(sliceNanos);
                return;
            }
            partition = waitable.get(Math.floorMod(waitCursor++, waitable.size()));
            from = state.window(partition).next();
        } finally {
            lock.unlock();
        }
        channel.awaitRecords(partition, from, Duration.ofNanos(sliceNanos));
    }

    /** Time until the earliest lease ends, by the clock, at least a millisecond. */
    private long nanosToNextExpiry() {
        Instant now = clock.instant();
        long nanos = Long.MAX_VALUE;
        for (int p = 0; p < state.partitions(); p++) {
            for (InFlight record : state.window(p).pending().values()) {
                if (record.leasedAt(now)) {
                    nanos = Math.min(
                            nanos, Duration.between(now, record.leaseExpiry).toNanos());
                }
            }
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), nanos);
    }

    /** The record's state if {@code lease} is its current delivery and not nacked yet, else null. */
    private InFlight owner(Lease lease) {
        ChannelRecord record = lease.record();
        if (record.partition() < 0 || record.partition() >= state.partitions()) {
            throw new IllegalArgumentException("a lease for partition " + record.partition() + " was given to queue '"
                    + name + "', whose channel '" + channel.name() + "' has partitions 0 to "
                    + (state.partitions() - 1) + "; ack and nack a lease on the queue that handed it out");
        }
        InFlight owner = state.window(record.partition()).pending().get(record.offset());
        return owner != null && owner.leaseExpiry != null && owner.deliveries == lease.deliveryCount() ? owner : null;
    }

    /** Compacts the journal if it is due and the start offset moved (any partition when {@code partition < 0}). */
    private void compactIfMoved(int partition, long startBefore) {
        if (partition >= 0 && state.window(partition).start() == startBefore) {
            return;
        }
        long snapshotBytes = 64 + 24L * state.partitions() + 48L * state.pending();
        if (journal.sizeBytes() >= Math.max(limits.compactBytes(), 4 * snapshotBytes)) {
            journal.rewrite(state.snapshot());
        }
    }

    private void checkOpen(String action) {
        if (closed) {
            throw new IllegalStateException("queue '" + name + "' of channel '" + origin.channel() + "' is closed,"
                    + " so it cannot " + action + "; get the queue again from the reopened channel");
        }
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
    }

    private static QueueState replay(Path directory, String name, Channel channel) {
        List<JournalEntry> entries = QueueJournal.replay(directory, name);
        QueueState state = new QueueState(channel.partitions());
        if (entries.isEmpty()) {
            return state;
        }
        Header header = (Header) entries.getFirst();
        if (header.version() != JournalFormat.VERSION || header.partitions() != channel.partitions()) {
            throw new StorageException("the journal of queue '" + name + "' in " + directory + " is version "
                    + header.version() + " for " + header.partitions() + " partitions, but this version reads "
                    + JournalFormat.VERSION + " and channel '" + channel.name() + "' has " + channel.partitions()
                    + "; open it with the Flows version that wrote it, or delete the directory to start the queue"
                    + " over (every record is delivered again)");
        }
        for (JournalEntry entry : entries) {
            try {
                state.apply(entry);
            } catch (RuntimeException e) {
                throw new StorageException(
                        "the journal of queue '" + name + "' in " + directory + " holds an entry that does not fit"
                                + " its channel: " + entry + "; restore the directory from a backup, or delete it"
                                + " to start the queue over (every record is delivered again)",
                        e);
            }
        }
        return state;
    }
}
