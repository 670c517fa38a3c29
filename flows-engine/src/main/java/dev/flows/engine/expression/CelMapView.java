package dev.flows.engine.expression;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of a JSON object whose values read in CEL form (see {@link CelInput}). Keys are
 * passed through. Wrapping costs one allocation; values are converted when read, so an expression that
 * reads one field of a large payload converts one field. Thread-safe if the wrapped map is not modified.
 */
final class CelMapView extends AbstractMap<Object, Object> {

    private final Map<?, ?> source;

    CelMapView(Map<?, ?> source) {
        this.source = source;
    }

    @Override
    public Object get(Object key) {
        Object value = source.get(key);
        return value == null && !source.containsKey(key) ? null : CelInput.of(value);
    }

    @Override
    public boolean containsKey(Object key) {
        return source.containsKey(key);
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                Iterator<? extends Entry<?, ?>> entries = source.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        Entry<?, ?> entry = entries.next();
                        return new SimpleImmutableEntry<>(entry.getKey(), CelInput.of(entry.getValue()));
                    }
                };
            }
        };
    }
}
