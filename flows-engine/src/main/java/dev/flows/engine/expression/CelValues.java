package dev.flows.engine.expression;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CEL's equality and ordering of runtime values, as cel-java's runtime (the version this module builds with)
 * computes them with heterogeneous numeric comparisons on: ints and doubles compare by value, but through a
 * double, so {@code 9007199254740993 == 9007199254740992.0}; NaN equals nothing; {@code -0.0 == 0.0} between
 * doubles but not {@code 0 == -0.0} between an int and a double; lists and maps compare element by element.
 * The differential tests hold this class to the interpreter. Stateless.
 */
final class CelValues {

    static final int LESS = 0;
    static final int LESS_OR_EQUAL = 1;
    static final int GREATER = 2;
    static final int GREATER_OR_EQUAL = 3;

    private static final double DOUBLE_TO_INT_MAX = (double) Long.MAX_VALUE;
    private static final double DOUBLE_TO_INT_MIN = (double) Long.MIN_VALUE;
    private static final double DOUBLE_TO_UINT_MAX = UnsignedLong.MAX_VALUE.doubleValue();
    private static final UnsignedLong UINT_TO_INT_MAX = UnsignedLong.valueOf(Long.MAX_VALUE);

    private CelValues() {}

    /** CEL's {@code ==}. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Number x) {
            return b instanceof Number y && numericEquals(x, y);
        }
        if (a instanceof List<?> x) {
            return b instanceof List<?> y && listEquals(x, y);
        }
        if (a instanceof Map<?, ?> x) {
            return b instanceof Map<?, ?> y && mapEquals(x, y);
        }
        if (a instanceof Iterable<?> || b instanceof Iterable<?>) {
            throw Bailout.INSTANCE; // not a list: nothing the event or the planner produces
        }
        return Objects.equals(a, b);
    }

    /** CEL's {@code in} over a list: Java equality first, then numeric equality for a number. */
    static boolean inList(List<?> list, Object value) {
        if (list.contains(value)) {
            return true;
        }
        if (value instanceof Number) {
            for (Object element : list) {
                if (equal(element, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** CEL's {@code in} over a map: whether it has the key. */
    static boolean inMap(Map<?, ?> map, Object key) {
        if (map.get(key) != null) {
            return true;
        }
        if (key instanceof String) {
            return false;
        }
        throw Bailout.INSTANCE; // numeric keys may match keys of another numeric type
    }

    /**
     * CEL's ordering operators ({@link #LESS} ... {@link #GREATER_OR_EQUAL}).
     *
     * @throws CelError when no overload compares the two types
     * @throws Bailout for unsigned ints and bytes
     */
    static boolean order(int operator, Object a, Object b) {
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return holds(operator, Long.compare(x, y));
            }
            if (b instanceof Double y) {
                return holds(operator, compareIntDouble(x, y));
            }
        } else if (a instanceof Double x) {
            if (b instanceof Double y) {
                return primitive(operator, x, y);
            }
            if (b instanceof Long y) {
                return holds(operator, compareDoubleInt(x, y));
            }
        } else if (a instanceof String x && b instanceof String y) {
            return holds(operator, x.compareTo(y));
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            return holds(operator, Boolean.compare(x, y));
        } else if (a instanceof Instant x && b instanceof Instant y) {
            return holds(operator, x.compareTo(y));
        } else if (a instanceof Duration x && b instanceof Duration y) {
            return holds(operator, x.compareTo(y));
        }
        if (isUnmodeled(a) || isUnmodeled(b)) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }

    /** Whether a value is of a type the fast path leaves to the interpreter. */
    static boolean isUnmodeled(Object value) {
        return value instanceof UnsignedLong
                || value instanceof CelByteString
                || value instanceof Duration
                || value instanceof Optional<?>;
    }

    private static boolean holds(int operator, int comparison) {
        return switch (operator) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    /** Doubles compare as Java's primitive operators do: every comparison with NaN is false. */
    private static boolean primitive(int operator, double x, double y) {
        return switch (operator) {
            case LESS -> x < y;
            case LESS_OR_EQUAL -> x <= y;
            case GREATER -> x > y;
            default -> x >= y;
        };
    }

    static int compareDoubleInt(double d, long l) {
        if (d < DOUBLE_TO_INT_MIN) {
            return -1;
        }
        if (d > DOUBLE_TO_INT_MAX) {
            return 1;
        }
        return Double.compare(d, (double) l);
    }

    static int compareIntDouble(long l, double d) {
        return -compareDoubleInt(d, l);
    }

    private static int compareDoubleUint(double d, UnsignedLong ul) {
        if (d < 0.0) {
            return -1;
        }
        if (d > DOUBLE_TO_UINT_MAX) {
            return 1;
        }
        return Double.compare(d, ul.doubleValue());
    }

    private static int compareIntUint(long l, UnsignedLong ul) {
        if (l < 0 || ul.compareTo(UINT_TO_INT_MAX) >= 0) {
            return -1;
        }
        return Long.compare(l, ul.longValue());
    }

    private static boolean numericEquals(Number x, Number y) {
        if (x instanceof Double a) {
            if (y instanceof Double b) {
                return !Double.isNaN(a) && !Double.isNaN(b) && a.doubleValue() == b.doubleValue();
            }
            if (y instanceof Long b) {
                return compareDoubleInt(a, b) == 0;
            }
            if (y instanceof UnsignedLong b) {
                return compareDoubleUint(a, b) == 0;
            }
        } else if (x instanceof Long a) {
            if (y instanceof Long) {
                return a.equals(y);
            }
            if (y instanceof Double b) {
                return compareIntDouble(a, b) == 0;
            }
            if (y instanceof UnsignedLong b) {
                return compareIntUint(a, b) == 0;
            }
        } else if (x instanceof UnsignedLong a) {
            if (y instanceof UnsignedLong) {
                return a.equals(y);
            }
            if (y instanceof Double b) {
                return compareDoubleUint(b, a) == 0;
            }
            if (y instanceof Long b) {
                return compareIntUint(b, a) == 0;
            }
        }
        return false;
    }

    private static boolean listEquals(List<?> x, List<?> y) {
        Iterator<?> others = y.iterator();
        for (Object element : x) {
            if (!others.hasNext() || !equal(element, others.next())) {
                return false;
            }
        }
        return !others.hasNext();
    }

    private static boolean mapEquals(Map<?, ?> x, Map<?, ?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : x.entrySet()) {
            Object other = y.get(entry.getKey());
            if (other == null) {
                if (!(entry.getKey() instanceof String)) {
                    throw Bailout.INSTANCE; // numeric keys may match keys of another numeric type
                }
                return false;
            }
            if (!equal(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
