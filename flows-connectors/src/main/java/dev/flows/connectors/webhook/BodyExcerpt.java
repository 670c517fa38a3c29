package dev.flows.connectors.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Listens to one exchange and completes with the {@link Answer}: status, {@code Location}, {@code
 * Retry-After}, and the start of the body of a failure, as one line of at most {@link #MAX_CHARS} characters
 * for a give-up reason. Keeps at most {@link #MAX_BYTES} bytes and drops the rest as it arrives, so that a
 * receiver answering with a huge error page costs no memory; a 2xx body is read and dropped, which keeps the
 * connection reusable. Completes exceptionally with the exchange's failure when no whole answer came (a
 * refused connection, a timeout, a body cut off). Jetty serialises its callbacks for one exchange.
 */
final class BodyExcerpt implements Response.Listener {

    static final int MAX_CHARS = 200;

    /** Enough bytes for {@link #MAX_CHARS} characters of UTF-8 at up to four bytes each. */
    static final int MAX_BYTES = 4 * MAX_CHARS;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private boolean cut;

    CompletableFuture<Answer> answer() {
        return answer;
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (response.getStatus() / 100 == 2) {
            return;
        }
        int length = Math.min(content.remaining(), MAX_BYTES - head.size());
        cut |= length < content.remaining();
        byte[] bytes = new byte[length];
        content.get(bytes);
        head.writeBytes(bytes);
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            answer.completeExceptionally(result.getFailure());
            return;
        }
        Response response = result.getResponse();
        answer.complete(new Answer(
                response.getStatus(),
                render(head.toByteArray(), cut),
                Optional.ofNullable(response.getHeaders().get(HttpHeader.LOCATION)),
                Optional.ofNullable(response.getHeaders().get(HttpHeader.RETRY_AFTER))));
    }

    /** The text on one line (runs of whitespace and control characters become one space), cut to size. */
    static String render(byte[] bytes, boolean cut) {
        String text = new String(bytes, StandardCharsets.UTF_8)
                .replaceAll("[\\s\\p{Cntrl}]+", " ")
                .strip();
        if (text.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            return text.substring(0, end) + "…";
        }
        return cut && !text.isEmpty() ? text + "…" : text;
    }
}
