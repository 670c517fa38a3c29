package dev.flows.engine.definition;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.TemplateSource;
import java.util.List;

/** Rebuilds model records with every location set to {@link SourceLocation#JAVA}, to compare content only. */
final class WithoutLocations {

    private static final SourceLocation NONE = SourceLocation.JAVA;

    private WithoutLocations() {}

    static Flow of(Flow flow) {
        return new Flow(
                flow.name(),
                flow.from(),
                flow.steps().stream().map(WithoutLocations::of).toList(),
                destinations(flow.to()),
                of(flow.time()),
                flow.schedule() == null ? null : of(flow.schedule()),
                NONE);
    }

    static Schedule of(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Cron cron ->
                new Schedule.Cron(cron.expression(), cron.zone(), cron.missed(), cron.data(), NONE);
            case Schedule.Every every -> new Schedule.Every(every.interval(), every.missed(), every.data(), NONE);
        };
    }

    static Step of(Step step) {
        return switch (step) {
            case Step.Filter filter -> new Step.Filter(of(filter.condition()), filter.onError(), NONE);
            case Step.Set set -> new Step.Set(fields(set.fields()), set.onError(), NONE);
            case Step.Remove remove -> new Step.Remove(remove.paths(), remove.onError(), NONE);
            case Step.Mapping mapping -> new Step.Mapping(mapping.jsonata(), mapping.onError(), NONE);
            case Step.Enrich enrich ->
                new Step.Enrich(
                        enrich.lookup(),
                        of(enrich.key()),
                        enrich.into(),
                        of(enrich.fallback()),
                        enrich.onError(),
                        NONE);
            case Step.Route route ->
                new Step.Route(
                        route.cases().stream()
                                .map(c -> new RouteCase(of(c.when()), destinations(c.to())))
                                .toList(),
                        destinations(route.otherwise()),
                        route.onError(),
                        NONE);
            case Step.Split split -> new Step.Split(of(split.items()), split.onError(), NONE);
            case Step.Dedupe dedupe -> new Step.Dedupe(of(dedupe.key()), dedupe.within(), dedupe.onError(), NONE);
            case Step.Window window ->
                new Step.Window(
                        window.shape(),
                        fields(window.by()),
                        window.aggregates().stream()
                                .map(a -> new Aggregate(a.name(), a.function(), of(a.argument())))
                                .toList(),
                        window.emit(),
                        window.grace(),
                        window.late(),
                        window.type(),
                        window.onError(),
                        NONE);
            case Step.Join join ->
                new Step.Join(
                        join.channel(),
                        of(join.key()),
                        of(join.otherKey()),
                        join.before(),
                        join.after(),
                        join.as(),
                        of(join.emit()),
                        join.late(),
                        join.onError(),
                        NONE);
            case Step.Pattern pattern ->
                new Step.Pattern(
                        of(pattern.key()),
                        pattern.stages().stream()
                                .map(s -> new PatternStage(s.name(), of(s.condition()), s.times(), s.absent()))
                                .toList(),
                        pattern.within(),
                        of(pattern.emit()),
                        pattern.late(),
                        pattern.onError(),
                        NONE);
        };
    }

    static Destination of(Destination destination) {
        return switch (destination) {
            case Destination.ToChannel to -> new Destination.ToChannel(to.channel(), NONE);
            case Destination.ToTable to ->
                new Destination.ToTable(
                        to.table(), of(to.key()), fields(to.set()), to.mode(), of(to.when()), of(to.delete()), NONE);
            case Destination.ToPush to ->
                new Destination.ToPush(to.channel(), to.user() == null ? null : of(to.user()), NONE);
            case Destination.ToWebhook to ->
                new Destination.ToWebhook(
                        to.url(),
                        to.headers(),
                        to.retry(),
                        to.deadLetter(),
                        NONE,
                        to.name(),
                        to.secret(),
                        to.body().map(body -> new TemplateSource(body.text(), NONE)),
                        to.contentType(),
                        to.allowPrivate());
            case Destination.ToDatabase to ->
                new Destination.ToDatabase(
                        to.kind(),
                        to.url(),
                        to.user(),
                        to.password(),
                        to.table(),
                        to.key(),
                        to.columns().stream()
                                .map(c -> new DatabaseColumn(c.name(), of(c.value()), c.merge()))
                                .toList(),
                        to.batch(),
                        to.retry(),
                        to.deadLetter(),
                        NONE);
            case Destination.ToEmail to ->
                new Destination.ToEmail(
                        to.name(),
                        to.smtp(),
                        to.from(),
                        templates(to.to()),
                        templates(to.cc()),
                        templates(to.bcc()),
                        template(to.subject()),
                        to.text().map(WithoutLocations::template),
                        to.html().map(WithoutLocations::template),
                        to.retry(),
                        to.deadLetter(),
                        NONE);
        };
    }

    private static TemplateSource template(TemplateSource source) {
        return new TemplateSource(source.text(), NONE);
    }

    private static List<TemplateSource> templates(List<TemplateSource> sources) {
        return sources.stream().map(WithoutLocations::template).toList();
    }

    private static EventTime of(EventTime time) {
        return new EventTime(of(time.timestamp()), time.maxOutOfOrder(), time.idleTimeout(), time.processing());
    }

    private static Emit of(Emit emit) {
        return emit == null ? null : new Emit(emit.type(), fields(emit.fields()));
    }

    private static List<Destination> destinations(List<Destination> destinations) {
        return destinations.stream().map(WithoutLocations::of).toList();
    }

    private static List<FieldAssignment> fields(List<FieldAssignment> fields) {
        return fields.stream()
                .map(field -> new FieldAssignment(field.path(), of(field.value())))
                .toList();
    }

    /** The expression as built in Java; null (an optional expression left out) stays null. */
    private static Expression of(Expression expression) {
        return expression == null ? null : Expression.of(expression.text());
    }
}
