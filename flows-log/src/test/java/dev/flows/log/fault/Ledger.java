package dev.flows.log.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.log.Appends;
import dev.flows.log.DamagedRangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a fault test acknowledged, and the checks that every acknowledged record is there, unchanged, and
 * that nothing else is served wrongly. Values are unique, so a value served twice is a duplicate.
 * Thread-safe.
 */
final class Ledger {

    private final Map<Position, String> acknowledged = new ConcurrentHashMap<>();

    /** Appends {@code records} and notes them acknowledged if the append returns. */
    List<Position> append(Channel channel, List<Append> records) {
        List<Position> positions = channel.append(records);
        for (int i = 0; i < records.size(); i++) {
            String previous = acknowledged.put(
                    positions.get(i), Appends.text(records.get(i).value()));
            assertThat(previous)
                    .as("offset %s acknowledged twice", positions.get(i))
                    .isNull();
        }
        return positions;
    }

    /** Notes a record another process reported acknowledged. */
    void note(Position position, String value) {
        String previous = acknowledged.put(position, value);
        assertThat(previous).as("offset %s acknowledged twice", position).isNull();
    }

    int size() {
        return acknowledged.size();
    }

    /**
     * Reads every partition from its start, skipping damaged ranges, and checks that offsets only grow, no
     * value comes twice, and every acknowledged record is there with its value.
     *
     * @return how many records were served
     */
    int verify(Channel channel, String context) {
        int served = 0;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (int p = 0; p < channel.partitions(); p++) {
            List<ChannelRecord> records = readAll(channel, p, context);
            long last = -1;
            for (ChannelRecord record : records) {
                assertThat(record.offset())
                        .as("%s: offsets grow in partition %d", context, p)
                        .isGreaterThan(last);
                last = record.offset();
                assertThat(seen.add(Appends.valueOf(record)))
                        .as("%s: value %s served twice", context, Appends.valueOf(record))
                        .isTrue();
                String expected = acknowledged.get(new Position(p, record.offset()));
                if (expected != null) {
                    assertThat(Appends.valueOf(record))
                            .as("%s: value at %d/%d", context, p, record.offset())
                            .isEqualTo(expected);
                }
            }
            served += records.size();
            Map<Long, ChannelRecord> byOffset = new java.util.HashMap<>();
            records.forEach(record -> byOffset.put(record.offset(), record));
            int partition = p;
            acknowledged.forEach((position, value) -> {
                if (position.partition() == partition) {
                    assertThat(byOffset.get(position.offset()))
                            .as("%s: acknowledged %s lost", context, position)
                            .isNotNull();
                }
            });
            assertThat(channel.endOffset(p))
                    .as("%s: end offset of %d", context, p)
                    .isEqualTo(last + 1);
        }
        return served;
    }

    private static List<ChannelRecord> readAll(Channel channel, int partition, String context) {
        List<ChannelRecord> records = new ArrayList<>();
        long offset = 0;
        while (offset < channel.endOffset(partition)) {
            List<ChannelRecord> page;
            try {
                page = channel.read(partition, offset, 500);
            } catch (DamagedRangeException e) {
                throw new AssertionError(context + ": damage where none may be: " + e.getMessage(), e);
            }
            if (page.isEmpty()) {
                break;
            }
            records.addAll(page);
            offset = page.getLast().offset() + 1;
        }
        return records;
    }
}
