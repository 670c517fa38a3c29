package dev.flows.engine.definition;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.workflow.Workflow;
import dev.flows.engine.expression.NameSuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Parses the text of one flow file into the flow model. A file is a YAML stream of documents separated by
 * {@code ---}; each document is either channel declarations ({@code channels:}), one flow ({@code
 * flow:}) or one workflow ({@code workflow:}). The YAML is composed into a node tree (keeping every line and column) and read by hand into the
 * model records; nothing is bound by reflection.
 *
 * <p>Parsing never stops at the first problem: every problem of the file comes back in {@link
 * FlowFile#problems()}, each located at its node. A YAML syntax error ends the file there, keeping the
 * documents before it. Cross-file checks (undeclared channels, duplicates, CEL) are {@link
 * FlowValidator}'s. Thread-safe: each call works on its own state.
 */
public final class FlowFileParser {

    /** Aliases are rare in flow files; the cap stops alias bombs. */
    private static final int MAX_ALIASES = 50;

    private static final List<String> DOCUMENT_KEYS = List.of("flow", "channels", "workflow");

    private final Map<String, String> environment;

    /** A parser that expands {@code ${NAME}} from the process environment. */
    public FlowFileParser() {
        this(System.getenv());
    }

    /** A parser that expands {@code ${NAME}} from {@code environment} (for tests, or a captured snapshot). */
    public FlowFileParser(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Parses one file.
     *
     * @param fileName the name locations and messages use, relative to the flow directory
     * @param text     the file's content
     * @return what could be read, and every problem found; never throws for bad input
     */
    public FlowFile parse(String fileName, String text) {
        YamlFile file = new YamlFile(fileName, text, environment);
        List<ChannelDefinition> channels = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        List<Workflow> workflows = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowNonScalarKeys(true) // reported, with their position, by MapFields
                .build();
        try {
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                read(file, document, channels, flows, workflows);
            }
        } catch (MarkedYamlEngineException e) {
            file.problems().add(SyntaxProblems.of(file, e));
        } catch (YamlEngineException e) {
            file.problem(
                    new SourceLocation(fileName, 0, 0),
                    "YAML error: " + e.getMessage() + "; check the file is UTF-8 YAML");
        }
        return new FlowFile(
                fileName,
                channels,
                flows,
                workflows,
                file.problems(),
                file.references().build());
    }

    private static void read(
            YamlFile file,
            Node document,
            List<ChannelDefinition> channels,
            List<Flow> flows,
            List<Workflow> workflows) {
        if (YamlFile.isNull(document)) {
            return;
        }
        if (!(document instanceof MappingNode map)) {
            file.problem(
                    document,
                    "a document must be a map starting with flow: (one flow) or channels:"
                            + " (channel declarations), found " + YamlFile.kind(document));
            return;
        }
        List<String> keys = keys(map);
        long kinds = DOCUMENT_KEYS.stream().filter(keys::contains).count();
        if (kinds > 1) {
            file.problem(
                    document,
                    "a document holds one flow, one workflow or channel declarations, not several; put"
                            + " each in a document of its own, separated by a line with ---");
        } else if (keys.contains("flow")) {
            new FlowReader(file).read(MapFields.read(file, map, MapShape.FLOW)).ifPresent(flows::add);
        } else if (keys.contains("workflow")) {
            new WorkflowReader(file)
                    .read(MapFields.read(file, map, MapShape.WORKFLOW))
                    .ifPresent(workflows::add);
        } else if (keys.contains("channels")) {
            channels.addAll(new ChannelsReader(file).read(MapFields.read(file, map, MapShape.CHANNELS)));
        } else {
            file.problem(document, neither(keys));
        }
    }

    private static String neither(List<String> keys) {
        String suggestion = keys.stream()
                .map(key -> NameSuggestion.closest(key, DOCUMENT_KEYS)
                        .map(known -> "; did you mean '" + known + "'" + " instead of '" + key + "'?"))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse("");
        String found = keys.isEmpty() ? "no keys" : "the keys " + String.join(", ", keys);
        return "a document must be a flow (flow: <name>) or channel declarations (channels: [...]); this one has "
                + found + suggestion;
    }

    private static List<String> keys(MappingNode map) {
        List<String> keys = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                keys.add(key.getValue());
            }
        }
        return keys;
    }
}
