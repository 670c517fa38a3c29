package dev.flows.api.workflow;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import java.util.Map;
import java.util.Objects;

/**
 * What a workflow step does. {@link EmitEvent} and {@link UpdateTable} change Flows' own log and state and
 * happen exactly once, committed with the instance; {@link Notify} and {@link CallHttp} reach outside and happen
 * at least once, with an idempotency key stable across retries and restarts ({@code workflow/key/step}).
 */
public sealed interface WorkflowAction {

    /** Where the action was declared. */
    SourceLocation location();

    /**
     * Appends an event to a channel.
     *
     * @param channel the channel
     * @param emit    the event's type and fields, CEL over the triggering event and {@code instance}
     */
    record EmitEvent(String channel, Emit emit, SourceLocation location) implements WorkflowAction {
        public EmitEvent {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(emit, "emit");
        }
    }

    /** Upserts a state table's row, as a flow's {@code table:} destination does, over the triggering event. */
    record UpdateTable(Destination.ToTable table) implements WorkflowAction {
        public UpdateTable {
            Objects.requireNonNull(table, "table");
        }

        @Override
        public SourceLocation location() {
            return table.location();
        }
    }

    /** Sends a webhook or an email, with the destination's retries, as a flow's notification does. */
    record Notify(Destination.Notification destination) implements WorkflowAction {
        public Notify {
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public SourceLocation location() {
            return destination.location();
        }
    }

    /**
     * Calls an HTTP endpoint; a 2xx answer is success, a 4xx other than 408 and 429 fails at once, anything
     * else (5xx, no answer) is retried per {@code retry}.
     *
     * @param method       GET, POST, PUT, PATCH or DELETE
     * @param url          a template over the triggering event ({@code {{subject}}} is the instance key)
     * @param headers      header names to values, sent as written
     * @param body         a JSON template, or null for no body
     * @param retry        attempts and backoff
     * @param allowPrivate whether loopback and private addresses may be called
     */
    record CallHttp(
            String method,
            TemplateSource url,
            Map<String, String> headers,
            TemplateSource body,
            RetryPolicy retry,
            boolean allowPrivate,
            SourceLocation location)
            implements WorkflowAction {
        public CallHttp {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(retry, "retry");
        }
    }
}
