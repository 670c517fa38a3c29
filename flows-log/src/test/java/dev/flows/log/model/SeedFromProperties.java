package dev.flows.log.model;

import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Fixes a property's seed before it runs and prints it, so that any run can be repeated: the seed comes
 * from {@code -Dflows.model.seed}, else from the annotation, else a fresh random one. {@code
 * -Dflows.model.tries} overrides the annotation's tries, for longer runs. jqwik prints the seed again, and
 * the shrunk falsifying sample, when the property fails.
 */
public final class SeedFromProperties implements AroundPropertyHook {

    /** The system property naming the seed to run with. */
    public static final String SEED = "flows.model.seed";

    /** The system property naming how many tries to run. */
    public static final String TRIES = "flows.model.tries";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyAttributes attributes = context.attributes();
        Integer tries = Integer.getInteger(TRIES);
        if (tries != null) {
            attributes.setTries(tries);
        }
        String seed = System.getProperty(
                SEED,
                attributes
                        .seed()
                        .orElseGet(
                                () -> Long.toString(ThreadLocalRandom.current().nextLong())));
        attributes.setSeed(seed);
        System.out.printf(
                "%s: seed %s, %s tries (repeat with -D%s=%s; more tries with -D%s=N)%n",
                context.label(), seed, attributes.tries().map(String::valueOf).orElse("default"), SEED, seed, TRIES);
        return property.execute();
    }
}
