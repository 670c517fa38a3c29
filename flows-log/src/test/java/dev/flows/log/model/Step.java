package dev.flows.log.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One operation of a generated run against the log and the model. Indexes that pick a partition, offset,
 * group or held lease are taken modulo what exists when the step runs, so every step means something in
 * any state and a shrunk sequence stays valid.
 */
sealed interface Step {

    /** Appends records in one call; each lands in the partition its key (or the round-robin) picks. */
    record Append(List<RecordSpec> records) implements Step {
        @Override
        public String toString() {
            return "Append" + records;
        }
    }

    /** Reads up to {@code max} records of a partition from an offset in {@code [0, end + 2]}. */
    record Read(int partition, int from, int max) implements Step {}

    /** Looks up the first offset at or after the clock's time plus {@code seconds}. */
    record OffsetForTime(int partition, int seconds) implements Step {}

    /** Commits an offset in {@code [0, end + 1]} for a group and partition. */
    record Commit(int group, int partition, int offset) implements Step {}

    /** Polls the queue, without waiting, for up to {@code max} leases, which the consumers then hold. */
    record Poll(int max) implements Step {}

    /** Acks one of the leases the consumers hold (perhaps expired, or from before a restart). */
    record Ack(int lease) implements Step {}

    /** Nacks one of the leases the consumers hold, with an error (null: none given). */
    record Nack(int lease, String error) implements Step {}

    /** Moves the clock on. */
    record Advance(int seconds) implements Step {}

    /** Closes the whole log and opens it again. */
    record Restart() implements Step {}

    /** Moves the clock on, then runs retention now. */
    record CleanUp(int seconds) implements Step {}

    /** Redrives the queue's dead letters back to the channel. */
    record Redrive() implements Step {}

    /**
     * One record of an {@link Append}.
     *
     * @param key     the key as text, null for none
     * @param value   the value, null for a tombstone
     * @param headers its headers
     * @param seconds its timestamp relative to the clock
     */
    record RecordSpec(String key, Text value, List<HeaderSpec> headers, int seconds) {
        @Override
        public String toString() {
            String shown = headers.isEmpty()
                    ? ""
                    : headers.stream().map(HeaderSpec::toString).collect(Collectors.joining(",", "{", "}"));
            return (key == null ? "null" : '"' + key + '"') + "=" + value + shown + "@" + seconds + "s";
        }
    }

    /** One header of a {@link RecordSpec}: a name and a value, null for none. */
    record HeaderSpec(String name, Text value) {
        @Override
        public String toString() {
            return name + ":" + value;
        }
    }

    /**
     * Bytes of lower-case letters, {@code length} of them drawn from a random sequence seeded with
     * {@code variant}: compact to print and quick to shrink.
     */
    record Text(int length, int variant) {

        /** The bytes; null for a null text. */
        static byte[] bytes(Text text) {
            if (text == null) {
                return null;
            }
            SplittableRandom random = new SplittableRandom(text.variant);
            byte[] bytes = new byte[text.length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ('a' + random.nextInt(26));
            }
            return bytes;
        }

        @Override
        public String toString() {
            return length + "b#" + variant;
        }
    }
}
