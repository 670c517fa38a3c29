package dev.flows.server.push;

/**
 * The connection a {@link PushSubscription} delivers to: an SSE response or a WebSocket session. Called by one
 * thread at a time (the subscription's lock), except that {@link #end}, called once, may come while a send is
 * stuck on a stalled subscriber, and must then make that send return.
 */
public interface Outlet {

    /**
     * Sends one notification: its id and the CloudEvent as stored (structured JSON). Blocks while the subscriber
     * is slow, which is what keeps a slow subscriber from growing the server's memory.
     *
     * @return false when the subscriber is gone, which ends the subscription
     * @throws Exception to end the subscription; it is logged
     */
    boolean send(String id, byte[] event) throws Exception;

    /**
     * Sends something that keeps an idle connection open through proxies; skipped while a send is under way.
     *
     * @return false when the subscriber is gone, which ends the subscription (a write is how a server learns that
     *     a client went away)
     */
    boolean heartbeat() throws Exception;

    /** Closes the connection, if the subscriber has not already; never throws. */
    void end();
}
