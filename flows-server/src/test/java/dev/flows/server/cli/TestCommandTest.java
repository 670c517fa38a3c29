package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.ShopExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows test}: a flow run in memory over JSON lines, its output compared with a golden file. */
class TestCommandTest {

    static final String ABANDONED = """
            flow: abandoned-checkouts
            from: shop
            time: { out-of-order: 2s }
            steps:
              - filter: type in ["shop.checkout.start", "shop.order.placed"]
              - pattern:
                  key: data.order
                  sequence:
                    - name: checkout
                      when: type == "shop.checkout.start"
                    - name: placed
                      when: type == "shop.order.placed"
                      absent: true
                  within: 30m
                  emit: { type: shop.checkout.abandoned, set: { data.order: checkout.data.order } }
            to:
              - channel: alerts
            """;

    static final String EVENTS = """
            {"specversion":"1.0","id":"c1","source":"/shop","type":"shop.checkout.start","time":"2026-01-01T00:00:00Z","data":{"order":"o1"}}
            {"specversion":"1.0","id":"c2","source":"/shop","type":"shop.checkout.start","time":"2026-01-01T00:01:00Z","data":{"order":"o2"}}

            {"advance":"1m"}
            {"channel":"shop","event":{"specversion":"1.0","id":"p2","source":"/shop","type":"shop.order.placed","time":"2026-01-01T00:05:00Z","data":{"order":"o2"}}}
            {"specversion":"1.0","id":"c3","source":"/shop","type":"shop.checkout.start","time":"2026-01-01T00:40:00Z","data":{"order":"o3"}}
            """;

    @TempDir
    Path temp;

    Path flow;
    Path events;

    @BeforeEach
    void files() throws Exception {
        flow = Files.writeString(temp.resolve("abandoned.yaml"), ABANDONED);
        events = Files.writeString(temp.resolve("events.jsonl"), EVENTS);
    }

    private Cli.Run test(String expected, String... more) throws Exception {
        Path expect = Files.writeString(temp.resolve("expected.jsonl"), expected);
        String[] args = {"test", flow.toString(), "--input", events.toString(), "--expect", expect.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run("", all);
    }

    @Test
    void shouldExitZeroWhenTheFlowEmitsWhatIsExpected() throws Exception {
        Cli.Run run = test("""
                {"type": "shop.checkout.abandoned", "data": {"order": "o1"}}
                {"channel": "alerts", "type": "shop.checkout.abandoned", "data": {"order": "o3"}}
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("output matches").contains("2 line(s)");
    }

    @Test
    void shouldPrintTheDiffAndExitOneWhenTheOutputDiffers() throws Exception {
        Cli.Run run = test("""
                {"type": "shop.checkout.abandoned", "data": {"order": "o1"}}
                {"type": "shop.checkout.abandoned", "data": {"order": "o2"}}
                {"type": "shop.checkout.abandoned", "data": {"order": "o3"}}
                """);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("channel alerts:\n")
                .contains("- " + temp.resolve("expected.jsonl") + ":2  {\"type\":\"shop.checkout.abandoned\","
                        + "\"data\":{\"order\":\"o2\"}}")
                .contains("1 line(s) expected and not emitted, 0 emitted and not expected");
    }

    @Test
    void shouldCompareAsMultisetsWithAnyOrder() throws Exception {
        String reversed = """
                {"type": "shop.checkout.abandoned", "data": {"order": "o3"}}
                {"type": "shop.checkout.abandoned", "data": {"order": "o1"}}
                """;

        assertThat(test(reversed).exitCode()).isEqualTo(1);
        assertThat(test(reversed, "--any-order").exitCode()).isZero();
    }

    @Test
    void shouldWriteTheActualOutputAsAGoldenFileThatThenMatches() throws Exception {
        Path golden = temp.resolve("golden.jsonl");

        Cli.Run write = Cli.run("", "test", flow.toString(), "--input", "-", "--write-expect", golden.toString());
        Cli.Run written = Cli.run(
                Files.readString(events), "test", flow.toString(), "--input", "-", "--write-expect", golden.toString());
        Cli.Run check =
                Cli.run("", "test", flow.toString(), "--input", events.toString(), "--expect", golden.toString());

        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(written.out()).contains("wrote 2 line(s) to " + golden);
        assertThat(Files.readString(golden)).isEqualTo("""
                        {"channel":"alerts","type":"shop.checkout.abandoned","data":{"order":"o1"}}
                        {"channel":"alerts","type":"shop.checkout.abandoned","data":{"order":"o3"}}
                        """);
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }

    @Test
    void shouldReportEveryBadInputLineByFileAndLineAndExitTwo() throws Exception {
        Files.writeString(events, """
                {"specversion":"1.0","id":"c1","source":"/shop","type":"shop.checkout.start","data":{"order":"o1"}}
                {"specversion":"1.0","id":"c2","source":"/shop","data":{}}
                not json
                {"channel":"payments","event":{"specversion":"1.0","id":"x","source":"/s","type":"t"}}
                {"advance":"soon"}
                """);

        Cli.Run run = test("{\"type\": \"x\"}\n");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(events + ":2: ")
                .contains("type")
                .contains(events + ":3: not JSON")
                .contains(events + ":4: flow 'abandoned-checkouts' reads channel shop, not 'payments'")
                .contains(events + ":5: \"advance\" must be a duration")
                .doesNotContain(events + ":1:");
    }

    @Test
    void shouldExitTwoForABadExpectedLineABrokenFlowOrNoExpectation() throws Exception {
        Cli.Run badExpect = test("{\"type\": \"x\", \"id\": \"1\"}\n");
        Files.writeString(flow, "flow: broken\nfrom: shop\nsteps:\n  - filter: data.x >\n");
        Cli.Run brokenFlow = test("");
        Cli.Run nothingToDo = Cli.run("", "test", flow.toString(), "--input", events.toString());
        Cli.Run noInput = Cli.run("", "test", flow.toString(), "--expect", events.toString());

        assertThat(badExpect.exitCode()).isEqualTo(2);
        assertThat(badExpect.err()).contains("expected.jsonl:1: has \"id\", which is not compared");
        assertThat(brokenFlow.exitCode()).isEqualTo(2);
        assertThat(brokenFlow.err())
                .contains("abandoned.yaml:1:1:")
                .contains("abandoned.yaml:4:21:")
                .contains("2 problem(s)");
        assertThat(nothingToDo.exitCode()).isEqualTo(2);
        assertThat(nothingToDo.err()).contains("give --expect FILE");
        assertThat(noInput.exitCode()).as("picocli's usage error").isEqualTo(2);
    }

    @Test
    void shouldTestAFlowOfTheShopExampleOverItsDeclaredChannels() throws Exception {
        Files.writeString(events, """
                {"specversion":"1.0","id":"o-1","source":"/shop","type":"shop.order.placed","subject":"u1","data":{"user":"u1","order":"o1","amount":620.0}}
                {"specversion":"1.0","id":"a-1","source":"/shop","type":"shop.cart.add","subject":"u1","data":{"item":"tea","qty":2,"price":1.5}}
                {"specversion":"1.0","id":"v-1","source":"/shop","type":"shop.page.view","subject":"u1","data":{}}
                """);
        Path expect = Files.writeString(temp.resolve("expected.jsonl"), """
                {"channel": "orders", "type": "shop.order.placed", "data": {"user": "u1", "order": "o1", "amount": 620}}
                {"channel": "carts", "type": "shop.cart.add", "data": {"item": "tea", "qty": 2, "price": 1.5, "total": 3}}
                """);

        Cli.Run run = Cli.run(
                "",
                "test",
                ShopExample.source().resolve("route-shop.yaml").toString(),
                "--input",
                events.toString(),
                "--expect",
                expect.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void shouldDoWhatTheReadmeShows() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        Matcher block = Pattern.compile("```console\n(\\$ cat events\\.jsonl\n.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("README shows flows test in a console block")
                .isTrue();
        Path repository = ShopExample.source().getParent().getParent();
        String prefix = temp + "/";

        for (String step : block.group(1).split("(?m)^\\$ ")) {
            if (step.isEmpty()) {
                continue;
            }
            String command = step.substring(0, step.indexOf('\n'));
            String shown = step.substring(step.indexOf('\n') + 1);
            String[] words = command.split(" ");
            if (words[0].equals("cat") && words[1].equals("events.jsonl")) {
                Files.writeString(temp.resolve(words[1]), shown);
            } else if (words[0].equals("cat")) {
                assertThat(Files.readString(temp.resolve(words[1]))).as(command).isEqualTo(shown);
            } else {
                String[] args = java.util.Arrays.stream(words)
                        .skip(1)
                        .map(word -> word.startsWith("examples/")
                                ? repository.resolve(word).toString()
                                : word.endsWith(".jsonl") ? temp.resolve(word).toString() : word)
                        .toArray(String[]::new);
                Cli.Run run = Cli.run("", args);
                assertThat(run.exitCode()).as(command + "\n" + run.err()).isZero();
                assertThat(run.out().replace(prefix, "")).as(command).isEqualTo(shown);
            }
        }
    }

    @Test
    void shouldFeedTheJoinsOtherChannelAndMoveProcessingTime() throws Exception {
        Files.writeString(flow, """
                flow: paid-orders
                from: orders
                time: { out-of-order: 0s, idle: 30s }
                steps:
                  - join:
                      channel: payments
                      key: data.order
                      within: { before: 0s, after: 30m }
                      as: payment
                      emit: { type: shop.order.paid, set: { data.order: data.order, data.paid: payment.data.amount } }
                to:
                  - channel: paid
                """);
        Files.writeString(events, """
                {"specversion":"1.0","id":"o1","source":"/s","type":"order","time":"2026-01-01T00:00:00Z","data":{"order":"o1"}}
                {"channel":"payments","event":{"specversion":"1.0","id":"p1","source":"/s","type":"payment","time":"2026-01-01T00:05:00Z","data":{"order":"o1","amount":10.0}}}
                {"advance":"1m"}
                {"channel":"orders","event":{"specversion":"1.0","id":"o2","source":"/s","type":"order","time":"2026-01-01T00:40:00Z","data":{"order":"o2"}}}
                {"channel":"payments","event":{"specversion":"1.0","id":"p9","source":"/s","type":"payment","time":"2026-01-01T00:20:00Z","data":{"order":"o1","amount":1.0}}}
                """);

        Cli.Run run = test("""
                {"type": "shop.order.paid", "data": {"order": "o1", "paid": 10}}
                {"channel": "flows.dead-letter", "type": "payment", "data": {"order": "o1", "amount": 1}}
                """);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
}
