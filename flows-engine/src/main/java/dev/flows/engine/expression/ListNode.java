package dev.flows.engine.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A list literal with elements known only at run time ({@code [data.a, data.b]}). */
final class ListNode extends FastNode {

    private final List<FastNode> elements;

    ListNode(List<FastNode> elements) {
        this.elements = List.copyOf(elements);
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        List<Object> values = new ArrayList<>(elements.size());
        for (FastNode element : elements) {
            values.add(element.eval(variables, event));
        }
        return Collections.unmodifiableList(values);
    }
}
