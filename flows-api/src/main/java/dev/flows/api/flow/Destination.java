package dev.flows.api.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where a flow sends an event at its end (or at a route case). */
public sealed interface Destination {

    /** Where the destination was written. */
    SourceLocation location();

    /**
     * A destination that notifies the outside world (a webhook, an email): it retries, records every attempt in
     * the {@link dev.flows.api.sink.DeliveryLog}, dead-letters what it gives up on under its {@link
     * #deliveryName()}, and can be redriven from there.
     */
    sealed interface Notification extends Destination permits ToWebhook, ToEmail {

        /** What delivery records and dead letters ({@code deadletterdest}) call the destination. */
        String deliveryName();

        /** The channel that receives the events the destination gave up on. */
        String deadLetter();

        /** How the destination retries a failed delivery. */
        RetryPolicy retry();
    }

    /** Appends the event, as it is, to a channel. */
    record ToChannel(String channel, SourceLocation location) implements Destination {
        public ToChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * Changes a row of a state table, once per event: the row's key is {@code key} evaluated on the event.
     *
     * <ul>
     *   <li>{@code when}, if given, chooses the events the destination applies to; for the others it does nothing
     *       (not even evaluate the key). It sees the event only.
     *   <li>{@code delete}, if given and true for an event, deletes the row of its key (deleting a row that does
     *       not exist changes nothing).
     *   <li>Otherwise the row is upserted. Without {@code set} the update is the event's data; with it, a map of
     *       the given fields, each computed by CEL. {@code mode} says what happens to the old row's other fields:
     *       {@link TableMode#MERGE} keeps them, {@link TableMode#REPLACE} drops them.
     * </ul>
     *
     * {@code delete} and the {@code set} fields see the variable {@code row}, the row's previous value ({@code {}}
     * when new), so that rows can accumulate (a revenue sum, a count, a last-seen time).
     *
     * @param mode   merge or replace; {@link TableMode#defaultFor} gives the default
     * @param when   a bool CEL condition over the event, or null for every event
     * @param delete a bool CEL condition over the event and {@code row}, or null to never delete
     */
    record ToTable(
            String table,
            Expression key,
            List<FieldAssignment> set,
            TableMode mode,
            Expression when,
            Expression delete,
            SourceLocation location)
            implements Destination {
        public ToTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
            set = List.copyOf(set);
            Objects.requireNonNull(mode, "mode");
        }

        /** An upsert for every event, in the default mode (merge with {@code set}, replace without). */
        public ToTable(String table, Expression key, List<FieldAssignment> set, SourceLocation location) {
            this(table, key, set, TableMode.defaultFor(!set.isEmpty()), null, null, location);
        }
    }

    /**
     * Appends the event to a channel that browsers and apps subscribe to over Server-Sent Events or WebSocket,
     * addressed to one subscriber: the extension attribute {@value #USER_EXTENSION} is set to the value of
     * {@code user} (a string or a number), and a subscriber receives the events addressed to it and those with
     * no such attribute. Without {@code user} the event is a broadcast, for every subscriber of the channel (an
     * audience the event already carried is removed). Appended exactly once, like {@link ToChannel}; an event
     * whose {@code user} gives no string or number goes to the dead-letter channel rather than to everyone.
     *
     * @param user CEL giving the subscriber the event is for; null for every subscriber
     */
    record ToPush(String channel, Expression user, SourceLocation location) implements Destination {

        /** The CloudEvents extension attribute naming the one subscriber an event is for. */
        public static final String USER_EXTENSION = "pushuser";

        public ToPush {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * POSTs the event to a URL, retrying failures (connection errors, 408, 425, 429 and 5xx) with backoff and
     * jitter; after the last attempt, the event goes to {@code deadLetter}. The body is the event as structured
     * CloudEvents JSON, or {@code body} rendered for the event. With a {@code secret}, each request is signed
     * as Standard Webhooks says ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}).
     * Targets whose address is loopback, private, link-local, unspecified or multicast are refused unless
     * {@code allowPrivate} (or the server's allow-list) lets them through.
     *
     * @param headers      extra request headers
     * @param deadLetter   the channel that receives events this destination gave up on
     * @param name         what delivery records and dead letters call the destination; empty for
     *                     {@code webhook:<url without query>} (see {@link #deliveryName()})
     * @param secret       the Standard Webhooks signing secret, {@code whsec_<base64>}; empty: requests are not
     *                     signed
     * @param body         the template of the request body; empty: the event as structured CloudEvents JSON
     * @param contentType  the {@code Content-Type} of a templated body; ignored without {@code body}
     * @param allowPrivate whether the URL may resolve to a loopback, private or link-local address
     */
    record ToWebhook(
            String url,
            Map<String, String> headers,
            RetryPolicy retry,
            String deadLetter,
            SourceLocation location,
            Optional<String> name,
            Optional<Secret> secret,
            Optional<TemplateSource> body,
            String contentType,
            boolean allowPrivate)
            implements Notification {

        /** The content type of a templated body when the destination names none. */
        public static final String DEFAULT_CONTENT_TYPE = "application/json";

        public ToWebhook {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(contentType, "contentType");
        }

        /** A webhook without name, secret or body template, refusing private addresses. */
        public ToWebhook(
                String url,
                Map<String, String> headers,
                RetryPolicy retry,
                String deadLetter,
                SourceLocation location) {
            this(
                    url,
                    headers,
                    retry,
                    deadLetter,
                    location,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    DEFAULT_CONTENT_TYPE,
                    false);
        }

        /**
         * The destination's name in delivery records and dead letters: {@code name} when given, else {@code
         * webhook:} and the URL without user info, query or fragment (which may hold secrets).
         */
        public String deliveryName() {
            return name.orElseGet(() -> "webhook:" + WebhookAddress.of(url));
        }

        /** A copy with that name. */
        public ToWebhook withName(String newName) {
            return new ToWebhook(
                    url,
                    headers,
                    retry,
                    deadLetter,
                    location,
                    Optional.of(newName),
                    secret,
                    body,
                    contentType,
                    allowPrivate);
        }

        /** A copy that signs its requests with {@code newSecret}. */
        public ToWebhook withSecret(Secret newSecret) {
            return new ToWebhook(
                    url,
                    headers,
                    retry,
                    deadLetter,
                    location,
                    name,
                    Optional.of(newSecret),
                    body,
                    contentType,
                    allowPrivate);
        }

        /** A copy whose body is {@code template}, sent as {@code newContentType}. */
        public ToWebhook withBody(TemplateSource template, String newContentType) {
            return new ToWebhook(
                    url,
                    headers,
                    retry,
                    deadLetter,
                    location,
                    name,
                    secret,
                    Optional.of(template),
                    newContentType,
                    allowPrivate);
        }

        /** A copy that may (or may not) post to loopback, private and link-local addresses. */
        public ToWebhook withAllowPrivate(boolean allow) {
            return new ToWebhook(url, headers, retry, deadLetter, location, name, secret, body, contentType, allow);
        }
    }

    /**
     * Upserts one row per event into a table of a PostgreSQL or MariaDB database, by key, in batches: each
     * batch is one transaction that records the event ids it applies in the bookkeeping table {@code
     * flows_applied} (created by Flows when missing), so that an event replayed after a retry or a restart
     * changes nothing. The table itself is never created by Flows. Failures that may pass (the database down,
     * a lost connection, a deadlock) are retried per {@code retry}, then the batch's events go to {@code
     * deadLetter}; an event whose row the database refuses (a NOT NULL column left null, a value of the wrong
     * type) goes there alone, and the others are applied.
     *
     * <p>{@link #toString()} leaves out the password and the URL's user information and query.
     *
     * @param kind       which database, and so which SQL dialect and driver
     * @param url        the JDBC URL, starting with {@link DatabaseKind#urlPrefix()}
     * @param user       the user to log in as, or null to let the URL or driver say
     * @param password   the password, or null for none; never logged
     * @param table      the table, an identifier or {@code schema.table}
     * @param key        the columns that identify a row: the table's primary key or a unique key, in order
     * @param columns    every column written, key columns included, in order
     * @param batch      events per transaction, at least 1
     * @param retry      how failures that may pass are retried
     * @param deadLetter the channel that receives events this destination gave up on
     */
    record ToDatabase(
            DatabaseKind kind,
            String url,
            String user,
            String password,
            String table,
            List<String> key,
            List<DatabaseColumn> columns,
            int batch,
            RetryPolicy retry,
            String deadLetter,
            SourceLocation location)
            implements Destination {

        /** Events per transaction when a flow file does not say. */
        public static final int DEFAULT_BATCH = 100;

        /** The most events per transaction: PostgreSQL takes at most 32,767 parameters in one statement. */
        public static final int MAX_BATCH = 5_000;

        /** Ten attempts, waiting 200 ms, 400 ms, ... up to 10 s: about 40 s for a database to come back. */
        public static final RetryPolicy DEFAULT_RETRY =
                new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(10));

        public ToDatabase {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(table, "table");
            key = List.copyOf(key);
            columns = List.copyOf(columns);
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
            if (key.isEmpty() || columns.isEmpty()) {
                throw new IllegalArgumentException("a database destination needs key and columns, at " + location);
            }
            if (!SqlIdentifier.isTable(table)) {
                throw new IllegalArgumentException("table name '" + table + "' is not an SQL identifier (or"
                        + " schema.table); use letters, digits and '_', starting with a letter or '_', at " + location);
            }
            List<String> written = columns.stream().map(DatabaseColumn::name).toList();
            if (!written.containsAll(key)) {
                throw new IllegalArgumentException(
                        "key " + key + " must be among the columns written " + written + ", at " + location);
            }
            if (batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException(
                        "batch must be from 1 to " + MAX_BATCH + ", was " + batch + ", at " + location);
            }
        }

        /** The URL without user information and query, which may hold secrets: for messages and logs. */
        public String safeUrl() {
            int query = url.indexOf('?');
            String base = query < 0 ? url : url.substring(0, query);
            int slashes = base.indexOf("//");
            int at = slashes < 0 ? -1 : base.indexOf('@', slashes + 2);
            int path = slashes < 0 ? -1 : base.indexOf('/', slashes + 2);
            if (at >= 0 && (path < 0 || at < path)) {
                base = base.substring(0, slashes + 2) + base.substring(at + 1);
            }
            return query < 0 ? base : base + "?...";
        }

        @Override
        public String toString() {
            return "ToDatabase[" + kind.yamlName() + " " + safeUrl() + " table " + table + " key " + key
                    + " columns " + columns.stream().map(DatabaseColumn::name).toList() + " batch " + batch
                    + " dead-letter " + deadLetter + " at " + location + "]";
        }
    }

    /**
     * Sends an email per event through an SMTP server, retrying transient failures (no connection, a timeout,
     * an SMTP 4xx reply) with backoff and jitter; a permanent one (a 5xx reply, an address that does not parse,
     * a header-injection attempt) gives up at once, and the event goes to {@code deadLetter}. Recipients,
     * subject and bodies are templates rendered for the event ({@code to}, {@code cc}, {@code bcc} and {@code
     * subject} as text, {@code text} as text, {@code html} as HTML); with both bodies the mail is
     * {@code multipart/alternative}. The {@code Message-ID} is derived from the event, so a retried or redriven
     * mail carries the same one.
     *
     * @param name       what delivery records and dead letters call the destination; empty for {@code
     *                   email:<host>:<port>} (see {@link #deliveryName()})
     * @param smtp       the server and how to reach it
     * @param from       the sender, such as {@code Shop <shop@example.com>}; not a template
     * @param to         recipient templates, each rendering one address or a comma-separated list
     * @param cc         copy recipient templates
     * @param bcc        blind copy recipient templates
     * @param subject    the subject template
     * @param text       the plain-text body template
     * @param html       the HTML body template; at least one of {@code text} and {@code html} is present
     * @param deadLetter the channel that receives events this destination gave up on
     */
    record ToEmail(
            Optional<String> name,
            SmtpServer smtp,
            String from,
            List<TemplateSource> to,
            List<TemplateSource> cc,
            List<TemplateSource> bcc,
            TemplateSource subject,
            Optional<TemplateSource> text,
            Optional<TemplateSource> html,
            RetryPolicy retry,
            String deadLetter,
            SourceLocation location)
            implements Notification {

        public ToEmail {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(smtp, "smtp");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
            Objects.requireNonNull(location, "location");
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                throw new IllegalArgumentException("an email needs a recipient in to, cc or bcc");
            }
            if (text.isEmpty() && html.isEmpty()) {
                throw new IllegalArgumentException("an email needs a text or an html body");
            }
        }

        /** The destination's name in delivery records and dead letters: {@code name}, else {@code email:host:port}. */
        @Override
        public String deliveryName() {
            return name.orElseGet(() -> "email:" + smtp.host() + ":" + smtp.port());
        }
    }
}
