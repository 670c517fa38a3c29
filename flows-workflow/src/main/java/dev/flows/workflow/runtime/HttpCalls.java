package dev.flows.workflow.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.engine.template.Template;
import dev.flows.engine.template.TemplateKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out workflows' {@code http} steps on the JDK's HTTP client: renders the URL and body templates over
 * the step's event, checks every address the host resolves to against the {@link OutboundCheck}, sends with an
 * {@code Idempotency-Key} (the step's event id, the same on every attempt and after restarts) and retries per
 * the step's policy: 2xx succeeds; 408, 429, 5xx and failures to connect are retried; other answers give up at
 * once. No redirect is followed. Thread-safe; blocks the calling (virtual) thread.
 */
final class HttpCalls {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final OutboundCheck outbound;
    private final Map<WorkflowAction.CallHttp, Template[]> templates = new IdentityHashMap<>();

    HttpCalls(OutboundCheck outbound) {
        this.outbound = outbound;
    }

    /** The outcome of a call after its attempts. */
    record Result(boolean ok, int attempts, String detail) {}

    Result call(WorkflowAction.CallHttp call, Event event) throws InterruptedException {
        Template[] compiled = compiled(call);
        String url = compiled[0].render(event);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Result(false, 0, "url '" + url + "' is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return new Result(false, 0, "url '" + url + "' is not an absolute http or https URL");
        }
        RetryPolicy retry = call.retry();
        String last = "";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Attempt outcome = attempt(call, compiled, uri, event);
            if (outcome.ok()) {
                return new Result(true, attempt, outcome.detail());
            }
            last = outcome.detail();
            if (!outcome.retriable() || attempt == retry.maxAttempts()) {
                return new Result(false, attempt, last);
            }
            Thread.sleep(retry.backoffAfter(attempt).toMillis());
        }
        return new Result(false, retry.maxAttempts(), last);
    }

    private record Attempt(boolean ok, boolean retriable, String detail) {}

    private Attempt attempt(WorkflowAction.CallHttp call, Template[] compiled, URI uri, Event event)
            throws InterruptedException {
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                Optional<String> refusal = outbound.refusal(address, call.allowPrivate());
                if (refusal.isPresent()) {
                    return new Attempt(
                            false,
                            false,
                            uri.getHost() + " is " + refusal.get() + " (" + address.getHostAddress()
                                    + "); allow it with allow-private: true on the step, or --allow-outbound");
                }
            }
            HttpRequest.BodyPublisher body = compiled[1] == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(compiled[1].renderUtf8(event));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .method(call.method(), body)
                    .header("Idempotency-Key", event.id());
            if (compiled[1] != null) {
                request.header("Content-Type", "application/json");
            }
            call.headers().forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = call.method() + " " + uri + " answered " + status;
            if (status >= 200 && status < 300) {
                return new Attempt(true, false, detail);
            }
            boolean retriable = status == 408 || status == 429 || status >= 500;
            String excerpt = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
            return new Attempt(false, retriable, detail + (excerpt.isBlank() ? "" : ": " + excerpt));
        } catch (IOException e) {
            return new Attempt(false, true, call.method() + " " + uri + " failed: " + e);
        }
    }

    private synchronized Template[] compiled(WorkflowAction.CallHttp call) {
        return templates.computeIfAbsent(call, c -> new Template[] {
            Template.compile(c.url(), TemplateKind.TEXT, "http url"),
            c.body() == null ? null : Template.compile(c.body(), TemplateKind.JSON, "http body")
        });
    }
}
