package dev.flows.engine.runtime;

import dev.flows.api.flow.Aggregate;
import dev.flows.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running value of one aggregate of one window: count, sum, min, max, avg, count_distinct, first or last.
 * Each converts to a JSON-like value and back, for checkpoints. Not thread-safe.
 */
abstract sealed class Accumulator {

    /** A fresh accumulator for a function. */
    static Accumulator of(Aggregate.Function function) {
        return switch (function) {
            case COUNT -> new Count();
            case SUM -> new Sum();
            case MIN -> new Extreme(false);
            case MAX -> new Extreme(true);
            case AVG -> new Avg();
            case COUNT_DISTINCT -> new Distinct();
            case FIRST -> new Edge(false);
            case LAST -> new Edge(true);
        };
    }

    /** Adds one event's value (null for count) at its event time. */
    abstract void add(Object value, long eventTime);

    /** The aggregate as it stands: a Long, a Double, or the value type aggregated; null when nothing was added. */
    abstract Object result();

    /** The state, for a checkpoint. */
    abstract Object save();

    /** Restores what {@link #save} returned. */
    abstract void load(Object saved);

    /** Adds another accumulator's state (merging two sessions). */
    abstract void merge(Accumulator other);

    static double number(Object value, String function) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new ExpressionException(
                function + "() needs numbers, got "
                        + (value == null ? "null" : value.getClass().getSimpleName())
                        + "; convert the value with double(...) or guard it with has(...)",
                null);
    }

    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long lx && y instanceof Long ly) {
                return Long.compare(lx, ly);
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable<?> ca && a.getClass() == b.getClass()) {
            return ((Comparable<Object>) ca).compareTo(b);
        }
        throw new ExpressionException(
                "min() and max() compare numbers with numbers and strings with strings, got "
                        + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName(),
                null);
    }

    static final class Count extends Accumulator {
        private long count;

        @Override
        void add(Object value, long eventTime) {
            count++;
        }

        @Override
        Object result() {
            return count;
        }

        @Override
        Object save() {
            return count;
        }

        @Override
        void load(Object saved) {
            count = ((Number) saved).longValue();
        }

        @Override
        void merge(Accumulator other) {
            count += ((Count) other).count;
        }
    }

    /** Sums exactly as longs while every value is a whole number, then as doubles. */
    static final class Sum extends Accumulator {
        private long longSum;
        private double doubleSum;
        private boolean any;
        private boolean fractional;

        @Override
        void add(Object value, long eventTime) {
            if (value == null) {
                return;
            }
            any = true;
            if (!fractional && value instanceof Long l) {
                longSum = Math.addExact(longSum, l);
                return;
            }
            if (!fractional) {
                fractional = true;
                doubleSum = longSum;
            }
            doubleSum += number(value, "sum");
        }

        @Override
        Object result() {
            if (!any) {
                return 0L;
            }
            return fractional ? (Object) doubleSum : (Object) longSum;
        }

        @Override
        Object save() {
            return result();
        }

        @Override
        void load(Object saved) {
            any = true;
            if (saved instanceof Long l) {
                longSum = l;
            } else {
                fractional = true;
                doubleSum = ((Number) saved).doubleValue();
            }
        }

        @Override
        void merge(Accumulator other) {
            Sum that = (Sum) other;
            if (that.any) {
                add(that.result(), 0);
            }
        }
    }

    static final class Extreme extends Accumulator {
        private final boolean max;
        private Object best;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        void add(Object value, long eventTime) {
            if (value == null) {
                return;
            }
            if (best == null || (max ? compare(value, best) > 0 : compare(value, best) < 0)) {
                best = value;
            }
        }

        @Override
        Object result() {
            return best;
        }

        @Override
        Object save() {
            return best;
        }

        @Override
        void load(Object saved) {
            best = saved;
        }

        @Override
        void merge(Accumulator other) {
            add(((Extreme) other).best, 0);
        }
    }

    static final class Avg extends Accumulator {
        private double sum;
        private long count;

        @Override
        void add(Object value, long eventTime) {
            if (value == null) {
                return;
            }
            sum += number(value, "avg");
            count++;
        }

        @Override
        Object result() {
            return count == 0 ? null : sum / count;
        }

        @Override
        Object save() {
            return List.of(sum, count);
        }

        @Override
        void load(Object saved) {
            List<?> parts = (List<?>) saved;
            sum = ((Number) parts.get(0)).doubleValue();
            count = ((Number) parts.get(1)).longValue();
        }

        @Override
        void merge(Accumulator other) {
            Avg that = (Avg) other;
            sum += that.sum;
            count += that.count;
        }
    }

    /** Exact: keeps every distinct value of the window. */
    static final class Distinct extends Accumulator {
        private final Set<Object> seen = new HashSet<>();

        @Override
        void add(Object value, long eventTime) {
            seen.add(value instanceof Number n && !(value instanceof Long) ? (Object) n.doubleValue() : value);
        }

        @Override
        Object result() {
            return (long) seen.size();
        }

        @Override
        Object save() {
            return new ArrayList<>(seen);
        }

        @Override
        void load(Object saved) {
            seen.clear();
            seen.addAll((List<?>) saved);
        }

        @Override
        void merge(Accumulator other) {
            seen.addAll(((Distinct) other).seen);
        }
    }

    /** First or last by event time; among equal times, the first or the last to arrive. */
    static final class Edge extends Accumulator {
        private final boolean last;
        private Object value;
        private long time;
        private boolean any;

        Edge(boolean last) {
            this.last = last;
        }

        @Override
        void add(Object candidate, long eventTime) {
            if (!any || (last ? eventTime >= time : eventTime < time)) {
                value = candidate;
                time = eventTime;
                any = true;
            }
        }

        @Override
        Object result() {
            return value;
        }

        @Override
        Object save() {
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("v", value);
            saved.put("t", any ? time : null);
            return saved;
        }

        @Override
        void load(Object saved) {
            Map<?, ?> map = (Map<?, ?>) saved;
            value = map.get("v");
            any = map.get("t") != null;
            time = any ? ((Number) map.get("t")).longValue() : 0;
        }

        @Override
        void merge(Accumulator other) {
            Edge that = (Edge) other;
            if (that.any) {
                add(that.value, that.time);
            }
        }
    }
}
