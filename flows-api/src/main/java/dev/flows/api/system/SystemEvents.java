package dev.flows.api.system;

/**
 * Where Flows reports what happens to itself: flows started, stopped or failed, events dead-lettered, a full
 * disk, a connector down or up again. The server publishes them as CloudEvents on the {@code flows.system}
 * channel, which flows read like any channel.
 *
 * <p>Best effort by design: {@link #publish} never throws and never blocks its caller for long (it is called
 * from flow tasks and request threads); an event that cannot be stored (a full disk, a closed log) is logged and
 * dropped. A replay after a crash may publish an event again. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SystemEvents {

    /** Publishes nothing: for tests, and for runtimes without a system channel. */
    SystemEvents NONE = event -> {};

    /**
     * Publishes one event, or logs and drops it if that fails. Never throws; never blocks for long.
     *
     * @param event never null
     */
    void publish(SystemEvent event);
}
