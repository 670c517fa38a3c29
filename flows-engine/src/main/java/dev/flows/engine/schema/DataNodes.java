package dev.flows.engine.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event data (the plain Java values {@code JsonValues} decodes to) as the Jackson tree the validator walks,
 * built by hand rather than by re-parsing encoded bytes. Recursion is bounded by the nesting limit decoding
 * already enforced. Stateless.
 */
final class DataNodes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DataNodes() {}

    static JsonNode of(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.stringNode(text);
            case Boolean bool -> NODES.booleanNode(bool);
            case Long number -> NODES.numberNode(number.longValue());
            case Double number -> NODES.numberNode(number.doubleValue());
            case Integer number -> NODES.numberNode(number.intValue());
            case BigInteger number -> NODES.numberNode(number);
            case BigDecimal number -> NODES.numberNode(number);
            case Number number -> NODES.numberNode(number.doubleValue());
            case Map<?, ?> map -> object(map);
            case Collection<?> list -> array(list);
            case byte[] bytes -> NODES.binaryNode(bytes);
            default -> NODES.stringNode(value.toString());
        };
    }

    private static ObjectNode object(Map<?, ?> map) {
        ObjectNode object = NODES.objectNode();
        map.forEach((key, member) -> object.set(String.valueOf(key), of(member)));
        return object;
    }

    private static ArrayNode array(Collection<?> list) {
        ArrayNode array = NODES.arrayNode(list.size());
        list.forEach(element -> array.add(of(element)));
        return array;
    }
}
