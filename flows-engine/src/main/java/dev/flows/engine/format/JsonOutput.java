package dev.flows.engine.format;

/**
 * Writes one JSON document token by token, for code outside this package that answers with small documents of a
 * known shape many times a second (the ingest route's answer): the bytes Jackson's generator writes, without
 * building maps first. Commas between members and elements are written for the caller. Use in
 * try-with-resources; not thread-safe, and valid only in the thread that opened it.
 *
 * <pre>{@code
 * try (JsonOutput out = JsonOutput.open()) {
 *     out.startObject().name("channel").string("shop").endObject();
 *     return out.toByteArray();
 * }
 * }</pre>
 */
public final class JsonOutput implements AutoCloseable {

    private final FastJsonWriter out;

    /** Whether the next member or element follows another in the same object or array, and so needs a comma. */
    private boolean afterValue;

    private JsonOutput(FastJsonWriter out) {
        this.out = out;
    }

    /** An empty document, written into the calling thread's reusable buffer. */
    public static JsonOutput open() {
        return new JsonOutput(FastJsonWriter.acquire());
    }

    /** Starts an object, as a value. */
    public JsonOutput startObject() {
        beforeValue();
        out.startObject();
        afterValue = false;
        return this;
    }

    /** Ends the innermost object. */
    public JsonOutput endObject() {
        out.endObject();
        afterValue = true;
        return this;
    }

    /** Starts an array, as a value. */
    public JsonOutput startArray() {
        beforeValue();
        out.startArray();
        afterValue = false;
        return this;
    }

    /** Ends the innermost array. */
    public JsonOutput endArray() {
        out.endArray();
        afterValue = true;
        return this;
    }

    /** Writes a member's name; its value comes next. */
    public JsonOutput name(String name) {
        beforeValue();
        out.name(name);
        afterValue = false;
        return this;
    }

    /** Writes a string value, escaped as Jackson escapes it; null writes {@code null}. */
    public JsonOutput string(String value) {
        beforeValue();
        out.string(value);
        afterValue = true;
        return this;
    }

    /** Writes an integer value. */
    public JsonOutput number(long value) {
        beforeValue();
        out.number(value);
        afterValue = true;
        return this;
    }

    /** Writes a boolean value. */
    public JsonOutput bool(boolean value) {
        beforeValue();
        out.bool(value);
        afterValue = true;
        return this;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Gives the buffer back to the thread; this output must not be used after. */
    @Override
    public void close() {
        out.release();
    }

    private void beforeValue() {
        if (afterValue) {
            out.append(',');
        }
    }
}
