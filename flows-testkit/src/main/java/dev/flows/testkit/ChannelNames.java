package dev.flows.testkit;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.Step;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every channel a flow names, in the order it names them: its source, the channels its destinations and
 * routes write (push channels among them), a join's other channel, late channels, notification (webhook, email) dead-letter channels and the built-in
 * dead-letter channel. The driver opens each; those no file declares it creates.
 */
final class ChannelNames {

    private ChannelNames() {}

    static Set<String> of(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        names.add(flow.from());
        for (Step step : flow.steps()) {
            switch (step) {
                case Step.Route route -> {
                    route.cases().stream().map(RouteCase::to).forEach(to -> destinations(to, names));
                    destinations(route.otherwise(), names);
                }
                case Step.Join join -> {
                    names.add(join.channel());
                    addLate(join.late(), names);
                }
                case Step.Window window -> addLate(window.late(), names);
                case Step.Pattern pattern -> addLate(pattern.late(), names);
                default -> {}
            }
        }
        destinations(flow.to(), names);
        names.add(ChannelDefinition.DEAD_LETTER);
        return names;
    }

    /** The channels the flow's destinations and routes append to, in the order written. */
    static Set<String> destinations(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        for (Step step : flow.steps()) {
            if (step instanceof Step.Route route) {
                route.cases().stream().map(RouteCase::to).forEach(to -> channels(to, names));
                channels(route.otherwise(), names);
            }
        }
        channels(flow.to(), names);
        return names;
    }

    private static void channels(List<Destination> destinations, Set<String> names) {
        for (Destination destination : destinations) {
            if (destination instanceof Destination.ToChannel to) {
                names.add(to.channel());
            } else if (destination instanceof Destination.ToPush push) {
                names.add(push.channel());
            }
        }
    }

    private static void destinations(List<Destination> destinations, Set<String> names) {
        for (Destination destination : destinations) {
            switch (destination) {
                case Destination.ToChannel to -> names.add(to.channel());
                case Destination.ToPush push -> names.add(push.channel());
                case Destination.Notification notification -> names.add(notification.deadLetter());
                case Destination.ToDatabase database -> names.add(database.deadLetter());
                case Destination.ToTable table -> {}
            }
        }
    }

    private static void addLate(String late, Set<String> names) {
        if (late != null) {
            names.add(late);
        }
    }
}
