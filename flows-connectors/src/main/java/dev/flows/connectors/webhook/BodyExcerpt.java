package dev.flows.connectors.webhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the start of an answer's body, as one line of at most {@link #MAX_CHARS} characters, for a
 * give-up reason. Reads at most {@link #MAX_BYTES} bytes and then cancels, so that a receiver answering
 * with a huge error page costs neither memory nor time. A new instance serves one response; the
 * {@link Flow} protocol serialises its callbacks.
 */
final class BodyExcerpt implements HttpResponse.BodySubscriber<String> {

    static final int MAX_CHARS = 200;

    /** Enough bytes for {@link #MAX_CHARS} characters of UTF-8 at up to four bytes each. */
    static final int MAX_BYTES = 4 * MAX_CHARS;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final CompletableFuture<String> excerpt = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /**
     * A handler that reads and drops the body of a 2xx answer, which keeps the connection reusable, and
     * keeps an excerpt of any other answer's body.
     */
    static HttpResponse.BodyHandler<String> ofFailures() {
        return info -> info.statusCode() / 100 == 2 ? HttpResponse.BodySubscribers.replacing("") : new BodyExcerpt();
    }

    @Override
    public CompletionStage<String> getBody() {
        return excerpt;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int length = Math.min(buffer.remaining(), MAX_BYTES - head.size());
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            head.writeBytes(bytes);
        }
        if (head.size() < MAX_BYTES) {
            subscription.request(1);
            return;
        }
        excerpt.complete(render(head.toByteArray(), true));
        subscription.cancel();
    }

    /** A body cut short still tells why the receiver failed, and the status matters more than the body. */
    @Override
    public void onError(Throwable error) {
        excerpt.complete(render(head.toByteArray(), true));
    }

    @Override
    public void onComplete() {
        excerpt.complete(render(head.toByteArray(), false));
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
