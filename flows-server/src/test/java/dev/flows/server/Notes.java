package dev.flows.server;

import dev.flows.api.flow.Destination;
import java.util.List;
import java.util.stream.Collectors;

/** Notifications as a backend or a flow would append them to a push channel, for the push tests. */
final class Notes {

    private Notes() {}

    /** A notification for {@code user} (null: a broadcast), keyed by {@code subject}. */
    static String note(String id, String user, String subject) {
        String audience = user == null ? "" : ",\"" + Destination.ToPush.USER_EXTENSION + "\":\"" + user + "\"";
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/test\",\"type\":\"app.note\","
                + "\"subject\":\"" + subject + "\"" + audience + ",\"data\":{\"text\":\"note " + id + "\"}}";
    }

    static String note(String id, String user) {
        return note(id, user, user == null ? "all" : user);
    }

    /** A batch body of notifications. */
    static String batch(List<String> notes) {
        return notes.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
