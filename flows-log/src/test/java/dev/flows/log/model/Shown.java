package dev.flows.log.model;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records and leases as text, for comparing what the log returned with what the model expects: every
 * field, bytes decoded one char per byte (ISO-8859-1), so equal text means equal records and a
 * divergence shows which field differs. Stateless.
 */
final class Shown {

    private Shown() {}

    static List<String> records(List<ChannelRecord> records) {
        return records.stream().map(Shown::record).toList();
    }

    static List<String> leases(List<Lease> leases) {
        return leases.stream().map(Shown::lease).sorted().toList();
    }

    static String record(ChannelRecord record) {
        return "p" + record.partition() + "@" + String.format("%05d", record.offset()) + " "
                + Instant.ofEpochMilli(record.timestampMs()) + " " + bytes(record.key()) + "=" + bytes(record.value())
                + record.headers().stream().map(Shown::header).collect(Collectors.joining(",", "{", "}"));
    }

    static String lease(Lease lease) {
        return record(lease.record()) + " delivery " + lease.deliveryCount() + " until " + lease.expiresAt();
    }

    private static String header(Header header) {
        return header.key() + ":" + bytes(header.value());
    }

    private static String bytes(byte[] bytes) {
        return bytes == null ? "null" : '"' + new String(bytes, StandardCharsets.ISO_8859_1) + '"';
    }
}
