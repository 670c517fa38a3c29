package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.NameSuggestion;
import dev.flows.engine.expression.ResultType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one {@link FlowValidator} run: the channels declared, the tables flows write, where lookup
 * files are, and the problems found so far; and the checks every part of a flow shares (a channel is declared,
 * an expression compiles, a destination is sound). Not thread-safe; one per run.
 */
final class ValidationRun {

    private final CelCompiler cel;
    private final ReferenceLocations references;
    private final Path directory;
    private final Map<String, ChannelDefinition> channels = new HashMap<>();
    private final Set<String> tables = new TreeSet<>();
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param directory where lookup files are, or null to leave them unchecked
     */
    ValidationRun(CelCompiler cel, ReferenceLocations references, Path directory) {
        this.cel = cel;
        this.references = references;
        this.directory = directory;
    }

    ReferenceLocations references() {
        return references;
    }

    /** Where lookup files are, if known. */
    Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    List<Problem> problems() {
        return problems;
    }

    void problem(SourceLocation where, String message) {
        problems.add(new Problem(where, message));
    }

    /** Declares a channel, reporting one declared before. */
    void declare(ChannelDefinition channel) {
        ChannelDefinition first = channels.putIfAbsent(channel.name(), channel);
        if (first != null) {
            problem(
                    channel.location(),
                    "channel '" + channel.name() + "' is declared twice; the first is at " + first.location()
                            + "; declare each channel once");
        }
    }

    /** The declared channel of that name. */
    Optional<ChannelDefinition> declared(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** Notes a table that some flow writes, for enrich steps that read it. */
    void written(String table) {
        tables.add(table);
    }

    /** The tables flows write, in name order. */
    Set<String> tables() {
        return tables;
    }

    /**
     * Reports {@code notDeclared} (which names the channel) unless {@code name} is declared; the built-in
     * dead-letter and system channels always are.
     */
    void channel(String name, SourceLocation where, String notDeclared) {
        if (name.equals(ChannelDefinition.DEAD_LETTER)
                || name.equals(ChannelDefinition.SYSTEM)
                || channels.containsKey(name)) {
            return;
        }
        Set<String> declared = new TreeSet<>(channels.keySet());
        declared.add(ChannelDefinition.DEAD_LETTER);
        declared.add(ChannelDefinition.SYSTEM);
        String suggestion = NameSuggestion.closest(name, declared)
                .map(close -> "did you mean '" + close + "'? ")
                .orElse("declare it in a channels: document. ");
        problem(where, notDeclared + "; " + suggestion + "The declared channels are: " + String.join(", ", declared));
    }

    /**
     * Compiles an expression, reporting its problems.
     *
     * @param extraVariables bound besides the event's; must be valid {@link BindingNames}
     */
    void compile(Expression expression, ResultType expected, Set<String> extraVariables) {
        try {
            cel.compile(expression, expected, extraVariables);
        } catch (FlowDefinitionException e) {
            problems.addAll(e.problems());
        }
    }

    /**
     * Checks the event a join or pattern emits: a type, and fields computed over the event variables and
     * {@code variables}.
     *
     * @param fallback where to point when the parser did not record where the type was written
     */
    void emit(Emit emit, Set<String> variables, SourceLocation fallback) {
        if (emit.type().isBlank()) {
            problem(
                    references.of(emit, ReferenceLocations.Part.TYPE, fallback),
                    "an emit's type is empty; give the emitted events a type, e.g. shop.checkout.abandoned");
        }
        for (FieldAssignment field : emit.fields()) {
            compile(field.value(), ResultType.ANY, variables);
        }
    }

    void destination(Destination destination) {
        switch (destination) {
            case Destination.ToChannel to ->
                channel(to.channel(), references.channel(to), "channel '" + to.channel() + "' is not declared");
            case Destination.ToTable table -> {
                compile(table.key(), ResultType.ANY, Set.of());
                if (table.when() != null) {
                    compile(table.when(), ResultType.BOOL, Set.of());
                }
                if (table.delete() != null) {
                    compile(table.delete(), ResultType.BOOL, Set.of(FlowValidator.ROW));
                }
                for (FieldAssignment field : table.set()) {
                    compile(field.value(), ResultType.ANY, Set.of(FlowValidator.ROW));
                }
            }
            case Destination.ToDatabase database -> {
                database.columns().forEach(column -> compile(column.value(), ResultType.ANY, Set.of()));
                channel(
                        database.deadLetter(),
                        references.channel(database),
                        "dead-letter channel '" + database.deadLetter()
                                + "' is not declared (leave dead-letter out to use " + ChannelDefinition.DEAD_LETTER
                                + ")");
            }
            case Destination.ToPush push -> {
                channel(
                        push.channel(),
                        references.channel(push),
                        "push channel '" + push.channel() + "' is not declared");
                if (push.user() != null) {
                    compile(push.user(), ResultType.ANY, Set.of());
                }
            }
            case Destination.ToWebhook webhook ->
                channel(
                        webhook.deadLetter(),
                        references.channel(webhook),
                        "dead-letter channel '"
                                + webhook.deadLetter() + "' is not declared (leave dead-letter out to use "
                                + ChannelDefinition.DEAD_LETTER + ")");
            case Destination.ToEmail email -> {
                channel(
                        email.deadLetter(),
                        references.channel(email),
                        "dead-letter channel '"
                                + email.deadLetter() + "' is not declared (leave dead-letter out to use "
                                + ChannelDefinition.DEAD_LETTER + ")");
                email.smtp().caFile().ifPresent(file -> caFile(email, file));
            }
        }
    }

    /** The ca-file of an email destination is read when its flow starts; lint says now if it cannot be. */
    private void caFile(Destination.ToEmail email, Path file) {
        directory()
                .map(dir -> dir.resolve(file))
                .filter(path -> !Files.isReadable(path))
                .ifPresent(path -> problem(
                        references.of(email.smtp(), ReferenceLocations.Part.CA_FILE, email.location()),
                        "ca-file '" + file + "' cannot be read (looked for " + path.toAbsolutePath()
                                + "); give a PEM file of the CA's certificates, relative to the flow directory"));
    }
}
