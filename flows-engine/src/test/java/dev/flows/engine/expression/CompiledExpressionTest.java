package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CompiledExpressionTest {

    private static final CelCompiler CEL = new CelCompiler();

    private static final Event ORDER = new Event(
            "e-1",
            "/shop",
            "shop.order.placed",
            Event.SPEC_VERSION,
            "order-42",
            Instant.parse("2024-05-01T10:15:30Z"),
            "application/json",
            null,
            Map.of("region", "eu", "priority", 3L),
            order());

    private static Map<String, Object> order() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "ada");
        data.put("amount", 600.5);
        data.put("qty", 3L);
        data.put("price", 19.99);
        data.put("coupon", null);
        data.put("items", List.of(Map.of("sku", "A1", "price", 10L), Map.of("sku", "B2", "price", 2.5)));
        data.put("address", Map.of("country", "DE", "city", "Berlin"));
        return data;
    }

    private static Expression at(String text) {
        return new Expression(text, new SourceLocation("shop.yaml", 14, 19));
    }

    private static boolean test(String condition, Event event) {
        return CEL.compile(at(condition), ResultType.BOOL).test(EventVariables.of(event));
    }

    private static Object evaluate(String expression) {
        return CEL.compile(at(expression), ResultType.ANY).evaluate(EventVariables.of(ORDER));
    }

    @Test
    void shouldFilterOnTypeSubjectAndExtensions() {
        assertThat(test("type == \"shop.order.placed\"", ORDER)).isTrue();
        assertThat(test("type.startsWith(\"shop.\") && subject == \"order-42\"", ORDER))
                .isTrue();
        assertThat(test("extensions.region == \"eu\" && extensions.priority > 2", ORDER))
                .isTrue();
        assertThat(test("type in [\"shop.checkout.start\", \"shop.cart\"]", ORDER))
                .isFalse();
    }

    @Test
    void shouldSeeAbsentAttributesAsEmptyStringsAndNull() {
        Event bare = Event.of("e-2", "/shop", "shop.ping", null);
        assertThat(test("subject == \"\" && datacontenttype == \"\" && dataschema == \"\"", bare))
                .isTrue();
        assertThat(test("time == null && data == null && size(extensions) == 0", bare))
                .isTrue();
        assertThat(test("id == \"e-2\" && source == \"/shop\" && specversion == \"1.0\"", bare))
                .isTrue();
    }

    @Test
    void shouldFilterOnDataFieldsNestedMapsListsAndNulls() {
        assertThat(test("data.address.country == \"DE\"", ORDER)).isTrue();
        assertThat(test("data.items.exists(i, i.sku == \"B2\")", ORDER)).isTrue();
        assertThat(test("data.items[0].price == 10", ORDER)).isTrue();
        assertThat(test("data.coupon == null && has(data.coupon)", ORDER)).isTrue();
        assertThat(test("has(data.discount)", ORDER)).isFalse();
    }

    @Test
    void shouldCompareIntsAndDoublesWithEachOther() {
        assertThat(test("data.amount > 500", ORDER)).isTrue();
        assertThat(test("data.qty == 3.0", ORDER)).isTrue();
        assertThat(test("data.qty < 3.5 && data.qty >= 3", ORDER)).isTrue();
        assertThat(test("data.items[1].price < data.items[0].price", ORDER)).isTrue();
    }

    @Test
    void shouldCompareTimeAsTimestamp() {
        assertThat(test("time > timestamp(\"2024-01-01T00:00:00Z\")", ORDER)).isTrue();
        assertThat(test("time.getFullYear() == 2024", ORDER)).isTrue();
    }

    @Test
    void shouldComputeNumbersStringsAndMaps() {
        assertThat(evaluate("data.price * double(data.qty)")).isEqualTo(59.97);
        assertThat(evaluate("data.qty * 2 + 1")).isEqualTo(7L);
        assertThat(evaluate("data.user + \"@\" + data.address.city.lowerAscii()"))
                .isEqualTo("ada@berlin");
        assertThat(evaluate("{\"user\": data.user, \"skus\": data.items.map(i, i.sku), \"none\": null}"))
                .isEqualTo(mapOf("user", "ada", "skus", List.of("A1", "B2"), "none", null));
        assertThat(evaluate("data.address")).isEqualTo(Map.of("country", "DE", "city", "Berlin"));
    }

    @Test
    void shouldReadOptionalFieldsWithDefaults() {
        assertThat(evaluate("data.?discount.orValue(0.0)")).isEqualTo(0.0);
        assertThat(evaluate("data.?user.orValue(\"anonymous\")")).isEqualTo("ada");
        assertThat(evaluate("data.?discount")).isNull();
    }

    @Test
    void shouldUseStringAndMathExtensions() {
        assertThat(evaluate("\"a,b,c\".split(\",\")")).isEqualTo(List.of("a", "b", "c"));
        assertThat(evaluate("data.user.upperAscii()")).isEqualTo("ADA");
        assertThat(evaluate("math.greatest(data.qty, 2)")).isEqualTo(3L);
        assertThat(evaluate("math.ceil(data.amount)")).isEqualTo(601.0);
    }

    @Test
    void shouldConvertResultsToPlainJavaValues() {
        assertThat(evaluate("7u")).isEqualTo(7L);
        assertThat(evaluate("18446744073709551615u")).isEqualTo(1.8446744073709552E19);
        assertThat(evaluate("b\"abc\"")).isEqualTo("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(evaluate("null")).isNull();
        assertThat(evaluate("time")).isEqualTo("2024-05-01T10:15:30Z");
        assertThat(evaluate("timestamp(\"2024-05-01T10:15:30.250Z\")")).isEqualTo("2024-05-01T10:15:30.250Z");
        assertThat(evaluate("duration(\"1500ms\")")).isEqualTo("1.5s");
        assertThat(evaluate("duration(\"90s\")")).isEqualTo("90s");
        assertThat(evaluate("{1: \"one\", true: \"yes\"}")).isEqualTo(Map.of("1", "one", "true", "yes"));
        assertThat(evaluate("[1, 2.5, \"x\", [true]]")).isEqualTo(List.of(1L, 2.5, "x", List.of(true)));
        assertThat(evaluate("type(1)")).isEqualTo("type(int)");
    }

    @Test
    void shouldAccumulateIntoTheRowVariable() {
        CompiledExpression revenue =
                CEL.compile(at("(has(row.revenue) ? row.revenue : 0.0) + data.amount"), ResultType.ANY, Set.of("row"));
        Map<String, Object> variables = EventVariables.of(ORDER);
        Object first = revenue.evaluate(EventVariables.with(variables, "row", Map.of()));
        Object second = revenue.evaluate(EventVariables.with(variables, "row", Map.of("revenue", first)));
        assertThat(first).isEqualTo(600.5);
        assertThat(second).isEqualTo(1201.0);
        CompiledExpression count =
                CEL.compile(at("(has(row.count) ? row.count : 0) + 1"), ResultType.ANY, Set.of("row"));
        assertThat(count.evaluate(EventVariables.with(variables, "row", Map.of("count", 41))))
                .isEqualTo(42L);
    }

    @Test
    void shouldReportMissingKeyWithLocationAndHasHint() {
        assertThatThrownBy(() -> evaluate("data.amount + data.discount"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("shop.yaml:14:37: evaluating `data.amount + data.discount` failed: key 'discount' is not"
                        + " present in map; guard it with has(data.discount), or read it with a default:"
                        + " data.?discount.orValue(...)");
    }

    @Test
    void shouldReportMixedIntAndDoubleArithmeticWithConversionHint() {
        assertThatThrownBy(() -> evaluate("data.price * data.qty"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("shop.yaml:14:30: evaluating `data.price * data.qty` failed: No matching"
                        + " overload for function '_*_'")
                .hasMessageEndingWith("convert with double(...) or int(...)");
    }

    @Test
    void shouldReportDivisionByZero() {
        assertThatThrownBy(() -> evaluate("data.qty / 0"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("shop.yaml:14:28: evaluating `data.qty / 0` failed: / by zero; guard the divisor, e.g."
                        + " d != 0 ? n / d : 0");
    }

    @Test
    void shouldFailTestWhenADynConditionIsNotBool() {
        CompiledExpression condition = CEL.compile(at("data.user"), ResultType.BOOL);
        assertThatThrownBy(() -> condition.test(EventVariables.of(ORDER)))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("shop.yaml:14:19: evaluating `data.user` failed: the result ada (String) is not a bool;"
                        + " make the condition compare or test the value, e.g. data.flag == true or has(data.flag)");
    }

    @Test
    void shouldReportAnUnboundExtraVariable() {
        CompiledExpression withRow = CEL.compile(at("row"), ResultType.ANY, Set.of("row"));
        assertThatThrownBy(() -> withRow.evaluate(EventVariables.of(ORDER)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("a variable it reads was not bound");
    }

    @Test
    void shouldStopRunawayComprehensions() {
        String nested = "[1,2,3,4,5,6,7,8,9,10]";
        String expression = nested + ".all(a, " + nested + ".all(b, " + nested + ".all(c, " + nested
                + ".all(d, a + b + c + d > 0))))";
        assertThatThrownBy(() -> evaluate(expression))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Iteration budget exceeded")
                .hasMessageContaining("iterate at most 10000 times per event");
    }

    @Test
    void shouldAcceptJavaIntegersFloatsBytesAndNullsInData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("count", 5);
        data.put("ratio", 0.5f);
        data.put("blob", new byte[] {1, 2, 3});
        data.put("list", Arrays.asList(1, null));
        Event event = Event.of("e-3", "/t", "t", data);
        assertThat(test("data.count + 1 == 6 && data.ratio == 0.5 && size(data.blob) == 3", event))
                .isTrue();
        assertThat(test("data.list[1] == null && data.list[0] == 1", event)).isTrue();
    }

    @Test
    void shouldEvaluateConcurrentlyFromOneCompiledExpression() {
        CompiledExpression condition = CEL.compile(at("data.n % 2 == 0"), ResultType.BOOL);
        List<Boolean> results = new ArrayList<>(IntStream.range(0, 2_000)
                .parallel()
                .mapToObj(n -> condition.test(EventVariables.of(Event.of("e", "/t", "t", Map.of("n", (long) n)))))
                .toList());
        assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1_000);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
