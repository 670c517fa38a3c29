package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.format.JsonEventFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastExpressionTest {

    private static final CelCompiler CEL = new CelCompiler();

    private static final String CART_ADD = "{\"specversion\":\"1.0\",\"id\":\"e000000003\",\"source\":\"/shop/web\","
            + "\"type\":\"shop.cart.add\",\"time\":\"2026-01-01T00:00:00.912Z\",\"subject\":\"u018223\","
            + "\"datacontenttype\":\"application/json\",\"data\":{\"user\":\"u018223\",\"session\":\"s00000003\","
            + "\"country\":\"DE\",\"item\":\"sku-0184\",\"price\":19.99,\"qty\":3}}";

    private final RawEventVariables variables = new RawEventVariables();

    private static Expression at(String text) {
        return new Expression(text, new SourceLocation("shop.yaml", 14, 19));
    }

    private Map<String, Object> cartAdd() {
        byte[] bytes = CART_ADD.getBytes(StandardCharsets.UTF_8);
        return variables.reset(bytes, 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "type == \"shop.cart.add\" || type == \"shop.order.placed\"",
                "math.round(data.price * double(data.qty) * 100.0) / 100.0",
                "data.country in [\"DE\", \"FR\", \"NL\"] ? \"EU\" : \"other\"",
                "has(data.coupon) && data.coupon.code.startsWith(\"X\")",
                "time > timestamp(\"2024-01-01T00:00:00Z\") && size(subject) > 3",
                "data[\"item\"] + \"@\" + string(data.qty)",
                "(has(row.count) ? row.count : 0) + 1",
            })
    void shouldEvaluateTheCommonSubsetWithoutTheInterpreter(String text) {
        assertThat(CEL.compile(at(text), ResultType.ANY, Set.of("row"))).isInstanceOf(FastExpression.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "data.items.exists(i, i.sku == \"A1\")",
                "data.?discount.orValue(0.0)",
                "{\"user\": data.user}",
                "type.matches(\"^shop\")",
                "timestamp(data.at) > time",
            })
    void shouldLeaveTheRestToTheInterpreter(String text) {
        assertThat(CEL.compile(at(text), ResultType.ANY)).isInstanceOf(CelExpression.class);
    }

    @Test
    void shouldComputeTheBenchmarkFlowFromTheBytes() {
        FastExpression filter = (FastExpression)
                CEL.compile(at("type == \"shop.cart.add\" || type == \"shop.order.placed\""), ResultType.BOOL);
        FastExpression total = (FastExpression)
                CEL.compile(at("math.round(data.price * double(data.qty) * 100.0) / 100.0"), ResultType.ANY);
        FastExpression region = (FastExpression)
                CEL.compile(at("data.country in [\"DE\", \"FR\"] ? \"EU\" : \"other\""), ResultType.ANY);

        assertThat(filter.testWithoutFallback(cartAdd())).isTrue();
        assertThat(total.evaluateWithoutFallback(cartAdd())).isEqualTo(59.97);
        assertThat(region.evaluateWithoutFallback(cartAdd())).isEqualTo("EU");
    }

    @Test
    void shouldAbsorbErrorsAsCelDoesWithoutTheInterpreter() {
        FastExpression absorbed =
                (FastExpression) CEL.compile(at("data.discount > 1.0 || data.qty == 3"), ResultType.BOOL);
        FastExpression notBool = (FastExpression) CEL.compile(at("data.country && false"), ResultType.BOOL);

        assertThat(absorbed.testWithoutFallback(cartAdd())).isTrue();
        assertThatThrownBy(() -> notBool.testWithoutFallback(cartAdd())).isInstanceOf(CelError.class);
    }

    @Test
    void shouldLeaveAListIndexThatIsNotAnIntToTheInterpreter() {
        FastExpression byDouble =
                (FastExpression) CEL.compile(at("[\"a\", \"b\"][dyn(data.price > 1.0 ? 1.0 : 0.0)]"), ResultType.ANY);

        assertThatThrownBy(() -> byDouble.evaluateWithoutFallback(cartAdd())).isInstanceOf(Bailout.class);
        assertThat(byDouble.evaluate(cartAdd()))
                .isEqualTo(byDouble.interpreter().evaluate(cartAdd()));
    }

    @Test
    void shouldFailWithTheInterpretersMessage() {
        CompiledExpression missing = CEL.compile(at("data.price + data.discount"), ResultType.ANY);
        CompiledExpression mixed = CEL.compile(at("data.price * data.qty"), ResultType.ANY);

        assertThat(missing).isInstanceOf(FastExpression.class);
        assertThatThrownBy(() -> missing.evaluate(cartAdd()))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("shop.yaml:14:36: evaluating `data.price + data.discount` failed: key 'discount' is not"
                        + " present in map; guard it with has(data.discount), or read it with a default:"
                        + " data.?discount.orValue(...)");
        assertThatThrownBy(() -> mixed.evaluate(cartAdd()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageEndingWith("convert with double(...) or int(...)");
    }

    @Test
    void shouldReadTheEventUnderAnAddedVariable() {
        CompiledExpression count =
                CEL.compile(at("(has(row.count) ? row.count : 0) + data.qty"), ResultType.ANY, Set.of("row"));

        Object first = count.evaluate(EventVariables.with(cartAdd(), "row", Map.of()));
        Object second = count.evaluate(EventVariables.with(cartAdd(), "row", Map.of("count", first)));

        assertThat(first).isEqualTo(3L);
        assertThat(second).isEqualTo(6L);
    }

    @Test
    void shouldGiveTheSameResultsOnEagerAndLazyVariables() {
        JsonEventFormat format = new JsonEventFormat();
        Event event = format.decode(CART_ADD.getBytes(StandardCharsets.UTF_8));
        for (String text : List.of(
                "data", "extensions", "time", "data.price * 2.0", "subject + \":\" + data.session", "size(data)")) {
            CompiledExpression expression = CEL.compile(at(text), ResultType.ANY);
            assertThat(expression.evaluate(cartAdd()))
                    .as(text)
                    .isEqualTo(expression.evaluate(EventVariables.of(event)));
        }
    }

    @Test
    void shouldEvaluateOneCompiledExpressionFromManyThreadsEachWithItsOwnVariables() throws Exception {
        CompiledExpression even = CEL.compile(at("data.n % 2 == 0"), ResultType.BOOL);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                counts.add(threads.submit(() -> {
                    RawEventVariables own = new RawEventVariables();
                    int matches = 0;
                    for (int n = 0; n < 1_000; n++) {
                        byte[] bytes = ("{\"specversion\":\"1.0\",\"id\":\"" + n
                                        + "\",\"source\":\"/t\",\"type\":\"t\"," + "\"data\":{\"n\":" + n + "}}")
                                .getBytes(StandardCharsets.UTF_8);
                        matches += even.test(own.reset(bytes, 0, bytes.length)) ? 1 : 0;
                    }
                    return matches;
                }));
            }
            for (Future<Integer> count : counts) {
                assertThat(count.get()).isEqualTo(500);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
