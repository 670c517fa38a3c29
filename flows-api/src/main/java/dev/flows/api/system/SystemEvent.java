package dev.flows.api.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened to Flows itself, before it becomes a CloudEvent on {@code flows.system} (the
 * publisher adds the id, source and time). The factories name every type Flows publishes and the data each
 * carries. Immutable.
 *
 * @param type    the CloudEvents type, one of the constants here
 * @param subject what it is about (a flow, a channel, a connector's target), may be null
 * @param data    JSON in plain Java form; values may be null (a field that is unknown)
 */
public record SystemEvent(String type, String subject, Map<String, Object> data) {

    /** A flow's tasks started. Data: {@code flow}. */
    public static final String FLOW_STARTED = "flows.flow.started";

    /** A flow's tasks stopped because Flows is stopping. Data: {@code flow}. */
    public static final String FLOW_STOPPED = "flows.flow.stopped";

    /** A flow failed: stopped at an event (on-error: fail), or failed and is restarting. Data: {@code flow, error}. */
    public static final String FLOW_FAILED = "flows.flow.failed";

    /** A flow gave up on an event. Data: {@code flow, channel} (the dead-letter channel), {@code reason, event}. */
    public static final String EVENT_DEAD_LETTERED = "flows.event.dead-lettered";

    /** An append was refused because the disk is full. Data: {@code channel, partition, message}. */
    public static final String STORAGE_FULL = "flows.storage.full";

    /** A connector's target kept failing after its retries. Data: {@code connector, target, error}. */
    public static final String CONNECTOR_DOWN = "flows.connector.down";

    /** A connector's target that was down answers again. Data: {@code connector, target}. */
    public static final String CONNECTOR_UP = "flows.connector.up";

    public SystemEvent {
        Objects.requireNonNull(type, "type");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The tasks of flow {@code flow} started. */
    public static SystemEvent flowStarted(String flow) {
        return new SystemEvent(FLOW_STARTED, flow, fields("flow", flow));
    }

    /** The tasks of flow {@code flow} stopped. */
    public static SystemEvent flowStopped(String flow) {
        return new SystemEvent(FLOW_STOPPED, flow, fields("flow", flow));
    }

    /** Flow {@code flow} failed with {@code error}, the message an operator reads. */
    public static SystemEvent flowFailed(String flow, String error) {
        return new SystemEvent(FLOW_FAILED, flow, fields("flow", flow, "error", error));
    }

    /** Flow {@code flow} sent event {@code eventId} to dead-letter channel {@code channel} for {@code reason}. */
    public static SystemEvent deadLettered(String flow, String channel, String reason, String eventId) {
        return new SystemEvent(
                EVENT_DEAD_LETTERED,
                flow,
                fields("flow", flow, "channel", channel, "reason", reason, "event", eventId));
    }

    /**
     * An append to {@code channel} was refused: the disk is full.
     *
     * @param partition the partition, or null when not known
     */
    public static SystemEvent storageFull(String channel, Integer partition, String message) {
        return new SystemEvent(
                STORAGE_FULL, channel, fields("channel", channel, "partition", partition, "message", message));
    }

    /**
     * A connector's target failed after its retries.
     *
     * @param connector such as {@code webhook}
     * @param target    where it sends, without credentials or query (which may hold secrets)
     */
    public static SystemEvent connectorDown(String connector, String target, String error) {
        return new SystemEvent(
                CONNECTOR_DOWN, target, fields("connector", connector, "target", target, "error", error));
    }

    /** A connector's target that was down accepted an event again. */
    public static SystemEvent connectorUp(String connector, String target) {
        return new SystemEvent(CONNECTOR_UP, target, fields("connector", connector, "target", target));
    }

    /** An ordered map from alternating names and values; values may be null, unlike {@link Map#of}. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
