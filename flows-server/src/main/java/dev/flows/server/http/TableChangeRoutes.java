package dev.flows.server.http;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableChange;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /tables/{name}/changes[?from=latest|earliest|VERSION]}: a Server-Sent Events stream of a table's
 * committed changes, each a {@link ChangeView} with its version as the SSE id, in version order, without gaps.
 * A client that reconnects with {@code Last-Event-ID} resumes after the last change it received; one whose
 * resume point the changelog no longer keeps gets 410 before the stream starts, or, if it falls that far behind
 * while streaming, an {@code expired} event (a problem document) and the end of the stream.
 *
 * <p>Each stream has one virtual thread that reads a batch of changes, writes it and only then reads the next,
 * so a slow client holds at most one batch in memory; a silent table gets a comment every {@value
 * #HEARTBEAT_SECONDS} s, which finds clients that went away. Threads are never interrupted; {@link #close}
 * sets a flag they check between bounded waits.
 */
final class TableChangeRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableChangeRoutes.class);
    private static final String PATH = "/tables/{name}/changes";
    private static final String AFTER = "flows.changes.after";
    private static final int BATCH = 200;
    private static final Duration WAIT = Duration.ofMillis(250);
    private static final long HEARTBEAT_SECONDS = 15;

    private final StateStore state;
    private final KnownTables tables;
    private final JsonMapper json;
    private final Set<Thread> feeds = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    TableChangeRoutes(StateStore state, KnownTables tables, JsonMapper json) {
        this.state = state;
        this.tables = tables;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        // After the access check and before the stream's headers go out, so a wrong table or resume point gets a
        // plain problem document.
        routes.beforeMatched(PATH, ctx -> {
            String table = tables.require(ctx.pathParam("name"));
            ctx.attribute(
                    AFTER,
                    ChangeStart.after(
                            table, ctx.header("Last-Event-ID"), ctx.queryParam("from"), state.changeVersions(table)));
        });
        routes.sse(PATH, this::subscribe, Access.on(Verb.CONSUME));
    }

    private void subscribe(SseClient client) {
        String table = client.ctx().pathParam("name");
        Long after = client.ctx().attribute(AFTER);
        client.keepAlive();
        Thread feed = Thread.ofVirtual()
                .name("changes-" + table)
                .unstarted(() -> pump(
                        client,
                        table,
                        after == null ? state.changeVersions(table).last() : after));
        feeds.add(feed);
        feed.start();
    }

    private void pump(SseClient client, String table, long start) {
        long after = start;
        long idleSince = System.nanoTime();
        try {
            while (open && !client.terminated()) {
                List<TableChange> changes = state.changes(table, after, BATCH);
                if (changes.isEmpty()) {
                    if (!state.awaitChange(table, after, WAIT) && heartbeatDue(idleSince)) {
                        client.sendComment("keep-alive");
                        idleSince = System.nanoTime();
                    }
                    continue;
                }
                if (changes.getFirst().version() != after + 1) {
                    expired(client, table, after, changes.getFirst().version());
                    return;
                }
                for (TableChange change : changes) {
                    if (client.terminated()) {
                        return;
                    }
                    client.sendData(json.writeValueAsString(ChangeView.of(change)), Long.toString(change.version()));
                    after = change.version();
                }
                idleSince = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stream of the changes of table '{}' stopped after version {}: {}", table, after, e.toString());
        } finally {
            feeds.remove(Thread.currentThread());
            client.close();
        }
    }

    private static boolean heartbeatDue(long idleSince) {
        return System.nanoTime() - idleSince
                >= Duration.ofSeconds(HEARTBEAT_SECONDS).toNanos();
    }

    /** Tells a client that fell behind the changelog that it missed changes, and ends its stream. */
    private void expired(SseClient client, String table, long after, long oldest) {
        String detail = "this stream has sent table '" + table + "' up to version " + after + ", and the changes after"
                + " it are no longer kept (the oldest kept is version " + oldest + "); the reader fell behind. Read"
                + " the table with GET /tables/" + table + ", then follow the changes from the version its answer"
                + " gives";
        client.sendEvent(
                "expired",
                json.writeValueAsString(new ProblemDetails(
                        "urn:flows:problem:changes-expired",
                        "Gone",
                        410,
                        detail,
                        client.ctx().path(),
                        null)));
    }

    /** Ends every stream within one wait period. */
    @Override
    public void close() {
        open = false;
        for (Thread feed : feeds) {
            try {
                feed.join(WAIT.multipliedBy(4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
