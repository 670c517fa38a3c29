package dev.flows.engine.expression;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A read-only view of a JSON array whose elements read in CEL form (see {@link CelInput}), converted when
 * read. Thread-safe if the wrapped list is not modified.
 */
final class CelListView extends AbstractList<Object> implements RandomAccess {

    private final List<?> source;

    CelListView(List<?> source) {
        this.source = source;
    }

    @Override
    public Object get(int index) {
        return CelInput.of(source.get(index));
    }

    @Override
    public int size() {
        return source.size();
    }
}
