package dev.flows.server.delivery;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.Step;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import dev.flows.engine.runtime.DeadLetter;
import dev.flows.engine.runtime.SinkFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a flow's given-up notifications again: reads the dead-letter channels of the flow's notification
 * destinations (webhooks and emails) from where the last redrive stopped (the committed offsets of consumer group {@code
 * redrive.<flow>} on each, durable) up to their end as the redrive starts, and delivers each event that this
 * flow's destination gave up on (its {@code deadletterflow} and {@code deadletterdest} attributes say
 * so) through a sink made like the flow's own, recording every attempt. An event given up on again is
 * dead-lettered again, with the new reason, after the end read, so it waits for the next redrive. The offset
 * is committed after each event, so that a delivered event is never redriven twice; a crash between a
 * delivery and its commit sends that one event again (at least once, {@code webhook-id} or the mail's {@code Message-ID} for receivers to
 * dedupe). Events of other flows or destinations, and those a step gave up on, are passed over. One redrive
 * per flow at a time (a second one waits); thread-safe.
 */
public final class Redrive {

    private static final Logger LOG = LoggerFactory.getLogger(Redrive.class);
    private static final int BATCH = 100;

    private final ChannelBackend channels;
    private final FlowSet flows;
    private final SinkFactory sinks;
    private final EventFormat format;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param clock stamps the records of events dead-lettered again */
    public Redrive(ChannelBackend channels, FlowSet flows, SinkFactory sinks, EventFormat format, Clock clock) {
        this.channels = channels;
        this.flows = flows;
        this.sinks = sinks;
        this.format = format;
        this.clock = clock;
    }

    /** What a redrive did. */
    public record Result(String flow, long examined, long redriven, long delivered, long gaveUp) {}

    /** The consumer group a flow's redrive keeps its position in, on each dead-letter channel. */
    public static String groupOf(String flow) {
        return "redrive." + flow;
    }

    /**
     * Redrives flow {@code flowName}'s given-up notifications. Blocks while delivering, retries included.
     *
     * @return empty when there is no such flow
     * @throws InterruptedException if interrupted while delivering; what was delivered so far stays committed
     */
    public Optional<Result> redrive(String flowName) throws InterruptedException {
        Optional<Flow> flow =
                flows.flows().stream().filter(f -> f.name().equals(flowName)).findFirst();
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        synchronized (locks.computeIfAbsent(flowName, name -> new Object())) {
            return Optional.of(run(flow.get()));
        }
    }

    private Result run(Flow flow) throws InterruptedException {
        Map<String, List<Destination.Notification>> byChannel = notifications(flow).stream()
                .collect(Collectors.groupingBy(
                        Destination.Notification::deadLetter, LinkedHashMap::new, Collectors.toList()));
        Counts counts = new Counts();
        Map<String, Sink> made = new HashMap<>();
        try {
            for (Map.Entry<String, List<Destination.Notification>> entry : byChannel.entrySet()) {
                Optional<Channel> channel = channels.find(entry.getKey());
                if (channel.isPresent()) {
                    Map<String, Destination.Notification> byName = entry.getValue().stream()
                            .collect(Collectors.toMap(Destination.Notification::deliveryName, d -> d, (a, b) -> a));
                    redrive(flow.name(), channel.get(), byName, made, counts);
                }
            }
        } finally {
            made.values().forEach(Sink::close);
        }
        Result result = new Result(flow.name(), counts.examined, counts.redriven, counts.delivered, counts.gaveUp);
        LOG.info("redrive of flow '{}': {}", flow.name(), result);
        return result;
    }

    private void redrive(
            String flow,
            Channel channel,
            Map<String, Destination.Notification> destinations,
            Map<String, Sink> made,
            Counts counts)
            throws InterruptedException {
        ConsumerGroup group = channel.group(groupOf(flow));
        for (int partition = 0; partition < channel.partitions(); partition++) {
            long end = channel.endOffset(partition);
            long next = Math.max(
                    group.committed(partition).orElse(channel.startOffset(partition)), channel.startOffset(partition));
            while (next < end) {
                List<ChannelRecord> records = channel.read(partition, next, (int) Math.min(BATCH, end - next));
                if (records.isEmpty()) {
                    break;
                }
                for (ChannelRecord record : records) {
                    counts.examined++;
                    one(flow, channel, record, destinations, made, counts);
                    group.commit(partition, record.offset() + 1);
                }
                next = records.getLast().offset() + 1;
            }
        }
    }

    private void one(
            String flow,
            Channel channel,
            ChannelRecord record,
            Map<String, Destination.Notification> destinations,
            Map<String, Sink> made,
            Counts counts)
            throws InterruptedException {
        Optional<Event> dead = decode(record);
        if (dead.isEmpty() || !flow.equals(dead.get().extensions().get(DeadLetter.FLOW))) {
            return;
        }
        Object name = dead.get().extensions().get(DeadLetter.DESTINATION);
        Destination.Notification destination = name == null ? null : destinations.get(name.toString());
        if (destination == null) {
            return; // a step gave up on it, or another destination did: not for this flow's sinks
        }
        counts.redriven++;
        Event event = original(dead.get());
        Sink sink = made.computeIfAbsent(destination.deliveryName(), key -> sinks.notification(flow, destination));
        if (sink.deliver(event) instanceof Delivery.GaveUp gaveUp) {
            counts.gaveUp++;
            deadLetterAgain(channel, DeadLetter.of(event, flow, destination.deliveryName(), gaveUp.reason()));
        } else {
            counts.delivered++;
        }
    }

    private Optional<Event> decode(ChannelRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(format.decode(record.value()));
        } catch (RuntimeException e) {
            return Optional.empty(); // not an event: nothing a sink could send
        }
    }

    /** The event as it was before it was dead-lettered: without the dead-letter attributes. */
    private static Event original(Event dead) {
        Map<String, Object> extensions = new LinkedHashMap<>(dead.extensions());
        extensions.keySet().removeAll(List.of(DeadLetter.FLOW, DeadLetter.REASON, DeadLetter.DESTINATION));
        return dead.withExtensions(extensions);
    }

    private void deadLetterAgain(Channel channel, Event event) {
        String key = event.partitionKey();
        channel.append(List.of(new Append(
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), format.encode(event), clock.millis())));
    }

    /** Every notification destination (webhook, email) of the flow: its own and those of its route cases. */
    static List<Destination.Notification> notifications(Flow flow) {
        Stream<Destination> routed = flow.steps().stream()
                .filter(Step.Route.class::isInstance)
                .map(Step.Route.class::cast)
                .flatMap(route -> Stream.concat(
                        route.cases().stream().flatMap(c -> c.to().stream()), route.otherwise().stream()));
        return Stream.concat(flow.to().stream(), routed)
                .filter(Destination.Notification.class::isInstance)
                .map(Destination.Notification.class::cast)
                .toList();
    }

    private static final class Counts {
        long examined;
        long redriven;
        long delivered;
        long gaveUp;
    }
}
