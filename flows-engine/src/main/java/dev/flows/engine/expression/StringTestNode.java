package dev.flows.engine.expression;

import java.util.Map;

/** The string tests {@code s.startsWith(p)}, {@code s.endsWith(p)} and {@code s.contains(p)}. */
final class StringTestNode extends FastNode {

    /** One of the tests. */
    enum Test {
        STARTS_WITH("startsWith"),
        ENDS_WITH("endsWith"),
        CONTAINS("contains");

        private final String function;

        Test(String function) {
            this.function = function;
        }

        /** The test of a CEL function name, or null. */
        static Test of(String function) {
            for (Test test : values()) {
                if (test.function.equals(function)) {
                    return test;
                }
            }
            return null;
        }
    }

    private final Test test;
    private final FastNode receiver;
    private final FastNode argument;

    StringTestNode(Test test, FastNode receiver, FastNode argument) {
        this.test = test;
        this.receiver = receiver;
        this.argument = argument;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        Object text = receiver.eval(variables, event);
        Object part = argument.eval(variables, event);
        if (!(text instanceof String s) || !(part instanceof String p)) {
            throw CelValues.isUnmodeled(text) || CelValues.isUnmodeled(part) ? Bailout.INSTANCE : CelError.INSTANCE;
        }
        return switch (test) {
            case STARTS_WITH -> s.startsWith(p);
            case ENDS_WITH -> s.endsWith(p);
            case CONTAINS -> s.contains(p);
        };
    }
}
