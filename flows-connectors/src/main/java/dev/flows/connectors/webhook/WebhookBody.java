package dev.flows.connectors.webhook;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a webhook request carries: the event in a format (structured CloudEvents JSON, by default), or a
 * template rendered for it (which the server compiles from the flow file, as the connector does not know the
 * engine). Implementations are thread-safe and never throw for any event.
 */
public interface WebhookBody {

    /** The {@code Content-Type} of the body. */
    String contentType();

    /** The body for one event. */
    byte[] render(Event event);

    /** The event encoded by {@code format}, with the format's media type. */
    static WebhookBody of(EventFormat format) {
        Objects.requireNonNull(format, "format");
        return of(format.mediaType(), format::encode);
    }

    /** Bodies made by {@code render}, sent as {@code contentType}. */
    static WebhookBody of(String contentType, Function<Event, byte[]> render) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(render, "render");
        return new WebhookBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public byte[] render(Event event) {
                return render.apply(event);
            }
        };
    }
}
