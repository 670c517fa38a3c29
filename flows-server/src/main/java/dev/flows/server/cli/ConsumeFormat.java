package dev.flows.server.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How {@code flows consume} prints one stored event, given the server's view of it
 * ({@code {"partition":P,"offset":O,"appendedAt":T,"event":{...}}}). Stateless.
 */
enum ConsumeFormat {
    /** The stored CloudEvent, structured-mode JSON. */
    ce {
        @Override
        String render(JsonMapper json, JsonNode view) {
            return view.get("event").toString();
        }
    },
    /** {@code {"partition":P,"offset":O,"event":{...}}}: the CloudEvent with its position. */
    json {
        @Override
        String render(JsonMapper json, JsonNode view) {
            ObjectNode line = json.createObjectNode();
            line.set("partition", view.get("partition"));
            line.set("offset", view.get("offset"));
            line.set("event", view.get("event"));
            return line.toString();
        }
    },
    /**
     * The event's data only: a JSON string as its text, other JSON as JSON, {@code data_base64} decoded as
     * UTF-8, and an empty line for an event without data.
     */
    raw {
        @Override
        String render(JsonMapper json, JsonNode view) {
            JsonNode event = view.get("event");
            JsonNode data = event.get("data");
            if (data != null) {
                return data.isString() ? data.asString() : data.toString();
            }
            JsonNode base64 = event.get("data_base64");
            return base64 == null
                    ? ""
                    : new String(Base64.getDecoder().decode(base64.asString()), StandardCharsets.UTF_8);
        }
    };

    /** The line to print for {@code view}, without a line separator. */
    abstract String render(JsonMapper json, JsonNode view);
}
