package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the lookup file of an enrich step ({@link Lookup.FromFile}) into memory, by its extension:
 *
 * <ul>
 *   <li>{@code .json}: one JSON object from key to value; values are any JSON, decoded as Flows decodes event
 *       data (objects to maps in key order, arrays to lists, integers to Long, other numbers to Double). A key
 *       written twice is refused.
 *   <li>{@code .csv}: RFC 4180 comma-separated values (quoted fields may hold commas, quotes written twice and
 *       line breaks) whose first line is a header naming the columns. Each further line maps the value of its
 *       first column to a map from the names of the other columns to their values, as strings. Blank lines
 *       are skipped; every line has as many fields as the header; a key written twice is refused.
 * </ul>
 *
 * <p>Both must be UTF-8 (a leading byte order mark is ignored) and at most {@link #MAX_BYTES} long, since the
 * whole file is held in memory. The linter and the runtime read lookup files through this class, so they
 * accept exactly the same files. Blocking (reads the file); thread-safe.
 */
public final class LookupFile {

    /** The largest lookup file accepted: 64 MiB. Larger data belongs in a table. */
    public static final long MAX_BYTES = 64L << 20;

    private LookupFile() {}

    /**
     * Reads a lookup file, naming it in problems by its path as given.
     *
     * @see #load(Path, String)
     */
    public static Map<String, Object> load(Path file) {
        return load(file, file.toString());
    }

    /**
     * Reads a lookup file.
     *
     * @param file the file to read
     * @param name how problems name the file, such as its path relative to the flow directory
     * @return an unmodifiable map from key to value, in the file's order; values are plain JSON-like Java values
     *     (maps, lists, String, Long, Double, Boolean, null) that callers must not change; safe to share between
     *     threads for reading
     * @throws FlowDefinitionException with one problem, located in the file at the line and column of the
     *     first error where there is one, if the file is missing, unreadable, too large or not a valid lookup
     *     file
     */
    public static Map<String, Object> load(Path file, String name) {
        String extension = extension(file);
        if (!extension.equals("json") && !extension.equals("csv")) {
            throw problem(
                    name,
                    0,
                    0,
                    "is not a lookup file: a lookup file is a JSON object (name ending .json) or"
                            + " a CSV file with a header line (.csv); convert it, or rename it if it is one of those");
        }
        byte[] bytes = read(file, name);
        return extension.equals("json") ? JsonLookup.read(bytes, name) : CsvLookup.read(bytes, name);
    }

    private static byte[] read(Path file, String name) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw problem(
                        name,
                        0,
                        0,
                        "is " + Files.size(file) + " bytes, more than the " + MAX_BYTES
                                + " a lookup file may have (it is held in memory); keep it smaller, or keep the data in a"
                                + " table written by a flow and enrich from that table");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(
                    name,
                    0,
                    0,
                    "does not exist; create it (paths are relative to the flow directory), or" + " correct the path");
        } catch (IOException e) {
            throw problem(name, 0, 0, "cannot be read: " + e + "; check that it is a readable file");
        }
    }

    private static String extension(Path file) {
        Path fileName = file.getFileName();
        String text = fileName == null ? "" : fileName.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A problem in lookup file {@code name}; line and column 0 when it is about the file as a whole. */
    static FlowDefinitionException problem(String name, int line, int column, String message) {
        return new FlowDefinitionException(List.of(new Problem(new SourceLocation(name, line, column), message)));
    }
}
