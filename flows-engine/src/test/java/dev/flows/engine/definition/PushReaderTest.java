package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code push:} destination in flow files: its two forms, and each problem with where it is. */
class PushReaderTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    private static FlowFile parse(String yaml) {
        return PARSER.parse("notify.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        return parse(yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void shouldReadAPushToOneUserAndABroadcast() {
        FlowFile file = parse("""
                flow: notify
                from: shop
                to:
                  - push:
                      channel: notifications
                      user: data.user
                  - push: announcements
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.flows().getFirst().to())
                .containsExactly(
                        new Destination.ToPush(
                                "notifications",
                                new Expression("data.user", new SourceLocation("notify.yaml", 6, 13)),
                                new SourceLocation("notify.yaml", 4, 5)),
                        new Destination.ToPush("announcements", null, new SourceLocation("notify.yaml", 7, 5)));
    }

    @Test
    void shouldReportAMissingChannelAnUnknownKeyAndAUserThatIsNoExpression() {
        assertThat(problems("""
                        flow: notify
                        from: shop
                        to:
                          - push: { user: data.user, users: data.all }
                          - push: { channel: Notifications }
                          - push: { channel: notifications, user: [a, b] }
                          - push: [notifications]
                        """))
                .containsExactly(
                        "notify.yaml:4:30: unknown key 'users' in a push destination; did you mean 'user'? A push"
                                + " destination has the keys: channel, user",
                        "notify.yaml:4:11: a push destination needs a 'channel', the channel subscribers read, e.g."
                                + " push: { channel: notifications, user: data.user }",
                        "notify.yaml:5:22: channel name 'Notifications' is not valid; use lower-case letters, digits,"
                                + " '.', '-' and '_', starting with a letter, e.g. notifications",
                        "notify.yaml:6:43: a push destination's 'user' must be a CEL expression giving the"
                                + " subscriber's id, found a list; write e.g. user: data.user",
                        "notify.yaml:7:11: 'push' must be a map with channel and optionally user, or a channel name"
                                + " alone, found a list; write e.g. push: { channel: notifications, user: data.user }");
    }

    @Test
    void shouldReportAnUndeclaredPushChannelWhereItIsWrittenAndAUserThatDoesNotCompile() {
        FlowFile file = parse("""
                channels: [shop, notifications]
                ---
                flow: notify
                from: shop
                to:
                  - push: { channel: notification, user: data.user }
                  - push: { channel: notifications, user: "data.user +" }
                """);
        assertThat(file.problems()).isEmpty();

        List<String> problems = new FlowValidator(new CelCompiler())
                .validate(new FlowSet(file.channels(), file.flows()), file.references()).stream()
                        .map(Problem::toString)
                        .toList();

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
                .startsWith("notify.yaml:6:22: push channel 'notification' is not declared; did you mean"
                        + " 'notifications'?");
        assertThat(problems.get(1)).startsWith("notify.yaml:7:55: syntax error: the expression ends too early");
    }
}
