package dev.flows.bench.flow;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.FlowsException;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's flow directory, loaded by {@link FlowDirectory} as a user's is: the bundled one (resource
 * folder {@value #RESOURCE}, read in place from the jar or the classes directory) or one given with {@code
 * --flows DIR}. Keeps the jar's file system open until {@link #close}, because lookup files are read when a
 * flow is compiled. Not thread-safe.
 */
public final class BenchFlows implements AutoCloseable {

    /** The resource folder holding the bundled flow files and their lookup file. */
    public static final String RESOURCE = "bench-flows";

    private final Path directory;
    private final FileSystem jar;
    private final FlowSet set;

    private BenchFlows(Path directory, FileSystem jar, FlowSet set) {
        this.directory = directory;
        this.jar = jar;
        this.set = set;
    }

    /**
     * Loads the bundled flows.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if a flow file has a problem
     */
    public static BenchFlows bundled(CelCompiler cel) {
        URL marker = BenchFlows.class.getResource("/" + RESOURCE + "/channels.yaml");
        if (marker == null) {
            throw new FlowsException("the bundled benchmark flows (" + RESOURCE + "/ on the class path) are"
                    + " missing; rebuild flows-bench, or give --flows DIR");
        }
        URI uri = uri(marker);
        if (!uri.getScheme().equals("jar")) {
            return load(Path.of(uri).getParent(), null, cel);
        }
        FileSystem jar = openJar(uri);
        try {
            return load(jar.provider().getPath(uri).getParent(), jar, cel);
        } catch (RuntimeException e) {
            closeQuietly(jar, e);
            throw e;
        }
    }

    /**
     * Loads the flows of a directory, which must define the flows the workloads name.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if a flow file has a problem
     */
    public static BenchFlows from(Path directory, CelCompiler cel) {
        return load(directory, null, cel);
    }

    /** The directory the flows were loaded from; lookup files are read relative to it. */
    public Path directory() {
        return directory;
    }

    /** Every channel and flow of the directory. */
    public FlowSet set() {
        return set;
    }

    /**
     * The flows of these names, in that order.
     *
     * @throws ConfigurationException if one is not defined
     */
    public List<Flow> named(List<String> names) {
        List<Flow> flows = new ArrayList<>();
        for (String name : names) {
            flows.add(set.flows().stream()
                    .filter(flow -> flow.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException("the flow directory " + directory
                            + " defines no flow '" + name + "', which the workload runs; add it (see the bundled"
                            + " flows in flows-bench/src/main/resources/" + RESOURCE + ")")));
        }
        return flows;
    }

    @Override
    public void close() {
        if (jar != null) {
            try {
                jar.close();
            } catch (IOException e) {
                throw new FlowsException("could not close the benchmark jar's file system: " + e, e);
            }
        }
    }

    private static BenchFlows load(Path directory, FileSystem jar, CelCompiler cel) {
        return new BenchFlows(directory, jar, FlowDirectory.load(directory, Map.of(), cel));
    }

    private static URI uri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new FlowsException(
                    "the bundled benchmark flows are at " + url + ", which is not a valid URI;"
                            + " move flows-bench.jar to a path without unusual characters, or give --flows DIR",
                    e);
        }
    }

    private static FileSystem openJar(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (IOException e) {
            throw new FlowsException(
                    "could not open the benchmark jar to read its flows (" + uri + "): " + e
                            + "; rebuild flows-bench, or give --flows DIR",
                    e);
        }
    }

    private static void closeQuietly(FileSystem jar, RuntimeException cause) {
        try {
            jar.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
