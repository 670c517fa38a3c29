package dev.flows.bench.w5;

import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Posts with the JDK's {@link HttpClient} over HTTP/1.1, the client a Java producer would reach for. The
 * client is shared by every sender (it pools one connection per request in flight); this holds only the
 * request's fixed parts.
 */
final class JdkIngestClient implements IngestClient {

    private final HttpClient http;
    private final URI uri;
    private final String contentType;

    JdkIngestClient(HttpClient http, URI uri, String contentType) {
        this.http = http;
        this.uri = uri;
        this.contentType = contentType;
    }

    /** A client for all senders of a pass: HTTP/1.1, as the workload names no other. */
    static HttpClient sharedClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void post(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlowsException("POST " + uri + " failed: " + e + "; is the server still up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowsException("interrupted while posting to " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw Refusal.of(uri, response.statusCode(), response.body());
        }
    }

    @Override
    public void close() {
        // The shared HttpClient outlives each sender; the pass closes it.
    }
}
