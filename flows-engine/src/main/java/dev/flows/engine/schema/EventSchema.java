package dev.flows.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.ValidationLimitExceededException;
import com.networknt.schema.path.PathType;
import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.event.Event;
import dev.flows.engine.format.EncodedJson;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A channel's JSON Schema (draft 2020-12), compiled once, that the data of every event posted to the channel
 * must satisfy. {@link #load} refuses a file that is missing, not JSON or not a valid 2020-12 schema, or whose
 * {@code $ref}s lead anywhere but other files of the flow directory, each with its line and column; the linter
 * and the server load schemas through it, so they accept the same files. {@link #check} then names every
 * violation of an event by a JSON Pointer. Loading blocks (reads files); checking is thread-safe and does no I/O.
 *
 * <p>Checking is bounded: one event's evaluation may take at most {@value #MAX_EVALUATION_STEPS} steps and nest
 * {@value #MAX_EVALUATION_DEPTH} schemas deep, so a schema whose {@code $ref} loops, or one that meets data it
 * makes exponentially costly, refuses the event instead of exhausting the server.
 */
public final class EventSchema {

    /** The largest schema file read: 4 MiB. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    /** The most evaluation steps (schemas entered, keywords applied) one event's check may take. */
    public static final long MAX_EVALUATION_STEPS = 5_000_000;

    /** How deeply schemas may be evaluated within each other (through properties, items, $ref) for one event. */
    public static final int MAX_EVALUATION_DEPTH = 512;

    private static final Comparator<SchemaViolation> BY_POINTER = Comparator.comparing(SchemaViolation::pointer)
            .thenComparing(SchemaViolation::keyword, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SchemaViolation::message);

    private final String name;
    private final Schema schema;

    private EventSchema(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /**
     * Reads and compiles a schema file.
     *
     * @param file the file to read
     * @param name how problems and violations name the file: its path as written in the flow file
     * @param root the flow directory: {@code $ref}s may name other files inside it by relative path, nothing else
     * @throws FlowDefinitionException with one problem, located in the schema file at the line and column of the
     *     offending value where there is one, if the file cannot be used
     */
    public static EventSchema load(Path file, String name, Path root) {
        SchemaSources sources = new SchemaSources(root);
        SchemaRegistry registry = registry(sources);
        JsonNode tree = SchemaFile.read(file, name);
        DialectCheck.require(registry, tree, name);
        try {
            Schema schema = registry.getSchema(
                    SchemaLocation.of(file.toAbsolutePath().toUri().toString()), tree);
            schema.initializeValidators();
            return new EventSchema(name, schema);
        } catch (SchemaException | IllegalArgumentException e) {
            String reason = sources.problems().isEmpty()
                    ? e.getMessage()
                    : sources.problems().getFirst();
            throw SchemaFile.problem(
                    name,
                    0,
                    0,
                    "cannot be compiled: " + reason + (sources.problems().isEmpty() ? "; correct the schema" : ""));
        }
    }

    private static SchemaRegistry registry(SchemaSources sources) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .executionContextCustomizer((context, schemaContext) -> context.executionConfig(execution ->
                        execution.maxEvaluationSteps(MAX_EVALUATION_STEPS).maxEvaluationDepth(MAX_EVALUATION_DEPTH)))
                .build();
        return SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)
                        .schemaLoader(loader -> loader.resourceLoaders(loaders -> loaders.add(sources))
                                .allow(sources::allows)));
    }

    /** The schema file as written in the flow file, such as {@code schemas/order.json}. */
    public String name() {
        return name;
    }

    /**
     * Checks an event's data. An event without data, or whose data is not JSON (a {@code datacontenttype} that is
     * not JSON, or {@code data_base64}), gets one violation at {@code eventPointer + "/data"}: a schema can only
     * judge JSON.
     *
     * @param eventPointer the JSON Pointer of the event in the request body: "" for one event, {@code /3} for the
     *     fourth of a batch; violations are at {@code eventPointer + "/data" + the value's pointer in the data}
     * @param max          the most violations to return
     * @return the violations, at most {@code max}, ordered by pointer; empty when the data satisfies the schema
     */
    public List<SchemaViolation> check(Event event, String eventPointer, int max) {
        Objects.requireNonNull(event, "event");
        String dataPointer = eventPointer + "/data";
        if (event.data() == null) {
            return List.of(new SchemaViolation(
                    dataPointer,
                    "the event has no data, but this channel checks every event's data against " + name
                            + "; send the data as JSON",
                    null));
        }
        if (event.data() instanceof byte[] || !isJson(event.dataContentType())) {
            return List.of(new SchemaViolation(
                    dataPointer,
                    "the data is " + (event.data() instanceof byte[] ? "binary (data_base64)" : event.dataContentType())
                            + ", not JSON, but this channel checks every event's data against " + name
                            + "; send the data as JSON (datacontenttype application/json, or none)",
                    null));
        }
        // Ingest keeps data encoded (EncodedJson); the validator walks plain values.
        Object data = event.data() instanceof EncodedJson encoded ? encoded.value() : event.data();
        return checkValue(data, dataPointer, max);
    }

    /**
     * Checks one JSON value (decoded as {@code JsonValues} decodes: maps, lists, String, Long, Double, Boolean,
     * null).
     *
     * @param pointer where the value is in the request body; each violation's pointer starts with it
     * @param max     the most violations to return
     */
    public List<SchemaViolation> checkValue(Object value, String pointer, int max) {
        try {
            List<Error> errors = schema.validate(DataNodes.of(value));
            // Sorted, so the same data always gets the same answer whatever order the validator met keywords in.
            return errors.stream()
                    .map(error -> new SchemaViolation(
                            pointer + error.getInstanceLocation().toString(), error.getMessage(), error.getKeyword()))
                    .sorted(BY_POINTER)
                    .limit(max)
                    .toList();
        } catch (ValidationLimitExceededException e) {
            return List.of(new SchemaViolation(
                    pointer + e.getInstanceLocation(),
                    "checking the value against " + name + " stopped: it took more than "
                            + (e.getLimitKind() == ValidationLimitExceededException.LimitKind.EVALUATION_DEPTH
                                    ? MAX_EVALUATION_DEPTH + " nested schema evaluations (does a $ref loop?)"
                                    : MAX_EVALUATION_STEPS + " evaluation steps")
                            + "; send smaller data, or ask the channel's owner to simplify the schema",
                    null));
        }
    }

    /** Whether a {@code datacontenttype} says JSON: absent (CloudEvents' default), application/json or *+json. */
    static boolean isJson(String dataContentType) {
        if (dataContentType == null) {
            return true;
        }
        int semicolon = dataContentType.indexOf(';');
        String mediaType = (semicolon < 0 ? dataContentType : dataContentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }
}
