package dev.flows.engine.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@code $ref}s of a schema may lead: other files under the flow directory, read from disk, and the
 * draft 2020-12 meta-schemas, which ship inside the validator's jar. Everything else (an http or https URL, a
 * {@code classpath:} resource, a file outside the flow directory) is refused before anything is opened, and
 * remembered so the problem can name it: a flow directory must not make the server fetch from the network. One
 * per schema file read; not thread-safe (schemas are compiled on one thread).
 */
final class SchemaSources implements ResourceLoader {

    /** The meta-schemas of draft 2020-12; the validator maps them to copies in its jar. */
    static final String META_SCHEMAS = "https://json-schema.org/draft/2020-12/";

    private final Path root;
    private final List<String> problems = new ArrayList<>();

    /** @param root the flow directory; referenced files must be inside it */
    SchemaSources(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether the validator may load {@code iri}; a refusal is remembered. */
    boolean allows(AbsoluteIri iri) {
        String text = iri.toString();
        if (text.startsWith(META_SCHEMAS)) {
            return true;
        }
        if (localFile(text).isPresent()) {
            return true;
        }
        problems.add("$ref '" + text + "' leads outside the flow directory; Flows never fetches a schema from a URL or"
                + " a file elsewhere: copy it into the flow directory and refer to it by a relative path, e.g."
                + " {\"$ref\": \"common.json#/$defs/money\"}");
        return false;
    }

    @Override
    public InputStreamSource getResource(AbsoluteIri iri) {
        Optional<Path> file = localFile(iri.toString());
        if (file.isEmpty()) {
            return null;
        }
        Path path = file.get();
        try {
            if (Files.size(path) > EventSchema.MAX_FILE_BYTES) {
                problems.add("$ref '" + root.relativize(path) + "' is a file larger than " + EventSchema.MAX_FILE_BYTES
                        + " bytes; split it");
                return null;
            }
        } catch (IOException e) {
            problems.add("$ref '" + root.relativize(path) + "' names a file that cannot be read (" + e
                    + "); create it, or correct the path (relative to the referring schema file)");
            return null;
        }
        return () -> Files.newInputStream(path);
    }

    /** What was refused or missing, in the order met; empty when nothing was. */
    List<String> problems() {
        return problems;
    }

    private Optional<Path> localFile(String iri) {
        if (!iri.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            String withoutFragment = iri.contains("#") ? iri.substring(0, iri.indexOf('#')) : iri;
            Path path = Path.of(URI.create(withoutFragment)).toAbsolutePath().normalize();
            return path.startsWith(root) ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}
