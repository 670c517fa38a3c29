package dev.flows.engine.expression;

import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one CEL configuration Flows compiles and runs expressions with: options, extension libraries and the
 * event variables. Built once; immutable apart from a cache of compilers per set of extra variables, which
 * is safe to share between threads.
 *
 * <p>Expressions are written by users, so their cost is bounded: comprehensions ({@code all}, {@code map},
 * ...) may iterate at most {@link #MAX_ITERATIONS} times per evaluation, an expression may be at most
 * {@link #MAX_CODE_POINTS} characters long, and regular expressions are size-limited. The {@code lists}
 * extension is left out because {@code lists.range(n)} allocates without bound.
 */
final class CelEnvironment {

    /** Iterations of all comprehensions together, per evaluation. */
    static final int MAX_ITERATIONS = 10_000;

    /** Longest expression accepted, in Unicode code points. */
    static final int MAX_CODE_POINTS = 10_000;

    private static final int MAX_REGEX_PROGRAM_SIZE = 10_000;

    private final CelOptions options = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxExpressionCodePointSize(MAX_CODE_POINTS)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .build();
    private final dev.cel.compiler.CelCompiler eventCompiler;
    private final CelRuntime runtime;
    private final ConcurrentMap<Set<String>, dev.cel.compiler.CelCompiler> compilers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Set<String>, dev.cel.compiler.CelCompiler> bareCompilers = new ConcurrentHashMap<>();

    CelEnvironment() {
        CelCompilerBuilder builder = baseBuilder();
        for (Map.Entry<String, CelType> variable : eventVariableTypes().entrySet()) {
            builder.addVar(variable.getKey(), variable.getValue());
        }
        this.eventCompiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addLibraries(
                        CelExtensions.strings(),
                        CelExtensions.math(),
                        CelExtensions.optional(),
                        CelExtensions.sets(options))
                .build();
    }

    /** A compiler that knows the event variables and, as {@code dyn}, each of {@code extraVariables}. */
    dev.cel.compiler.CelCompiler compiler(Set<String> extraVariables) {
        if (extraVariables.isEmpty()) {
            return eventCompiler;
        }
        return compilers.computeIfAbsent(Set.copyOf(extraVariables), this::withExtras);
    }

    /** A compiler that knows only {@code variables}, each as {@code dyn}: no event variables. */
    dev.cel.compiler.CelCompiler bareCompiler(Set<String> variables) {
        return bareCompilers.computeIfAbsent(Set.copyOf(variables), names -> {
            CelCompilerBuilder builder = baseBuilder();
            names.forEach(name -> builder.addVar(name, SimpleType.DYN));
            return builder.build();
        });
    }

    /** The runtime every compiled expression is planned on; thread-safe. */
    CelRuntime runtime() {
        return runtime;
    }

    private CelCompilerBuilder baseBuilder() {
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(
                        CelExtensions.strings(),
                        CelExtensions.math(),
                        CelExtensions.optional(),
                        CelExtensions.sets(options));
    }

    private dev.cel.compiler.CelCompiler withExtras(Set<String> extraVariables) {
        CelCompilerBuilder builder = eventCompiler.toCompilerBuilder();
        for (String name : extraVariables) {
            builder.addVar(name, SimpleType.DYN);
        }
        return builder.build();
    }

    private static Map<String, CelType> eventVariableTypes() {
        Map<String, CelType> types = new LinkedHashMap<>();
        for (String name : List.of(
                EventVariables.ID,
                EventVariables.SOURCE,
                EventVariables.TYPE,
                EventVariables.SPEC_VERSION,
                EventVariables.SUBJECT,
                EventVariables.DATA_CONTENT_TYPE,
                EventVariables.DATA_SCHEMA)) {
            types.put(name, SimpleType.STRING);
        }
        types.put(EventVariables.TIME, SimpleType.DYN);
        types.put(EventVariables.DATA, SimpleType.DYN);
        types.put(EventVariables.EXTENSIONS, MapType.create(SimpleType.STRING, SimpleType.DYN));
        return types;
    }
}
