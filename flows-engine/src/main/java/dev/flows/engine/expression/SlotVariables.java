package dev.flows.engine.expression;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The event variables as a read-only map whose keys are exactly {@link EventVariables#NAMES}, each in a fixed
 * slot (its index there): a lookup is a switch on the name, and subclasses say only how to read a slot.
 */
abstract class SlotVariables extends AbstractMap<String, Object> {

    /** The variable in a slot, in the form {@link EventVariables#of} gives it; never null. */
    abstract Object variable(int slot);

    @Override
    public Object get(Object key) {
        int slot = RawEventVariables.slot(key);
        return slot < 0 ? null : variable(slot);
    }

    @Override
    public boolean containsKey(Object key) {
        return RawEventVariables.slot(key) >= 0;
    }

    @Override
    public int size() {
        return EventVariables.NAMES.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return EventVariables.NAMES.size();
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < EventVariables.NAMES.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        String name = EventVariables.NAMES.get(next);
                        return new SimpleImmutableEntry<>(name, variable(next++));
                    }
                };
            }
        };
    }
}
