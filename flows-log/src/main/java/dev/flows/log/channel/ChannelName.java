package dev.flows.log.channel;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import java.util.regex.Pattern;

/**
 * The rule for channel names, which become directory names: a lower-case letter, then up to 127
 * lower-case letters, digits, '.', '_' or '-'. So no name can climb out of the log directory, hide as a
 * dot file, or differ from another only by case. Stateless.
 */
public final class ChannelName {

    /** The pattern every channel name matches. */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9._-]{0,127}");

    private ChannelName() {}

    /**
     * Checks the definition's name.
     *
     * @throws ConfigurationException if the name breaks the rule; the message says where it was defined
     */
    public static void check(ChannelDefinition definition) {
        String name = definition.name();
        if (!PATTERN.matcher(name).matches()) {
            throw new ConfigurationException(where(definition) + "channel name '" + name
                    + "' is not allowed: a name must match " + PATTERN.pattern()
                    + " (a lower-case letter, then up to 127 lower-case letters, digits, '.', '_' or '-');"
                    + " rename the channel, for example to 'orders' or 'shop.orders-v2'");
        }
    }

    /** The definition's location as a message prefix, or nothing when it was built in Java. */
    static String where(ChannelDefinition definition) {
        return definition.location() == null ? "" : definition.location() + ": ";
    }
}
