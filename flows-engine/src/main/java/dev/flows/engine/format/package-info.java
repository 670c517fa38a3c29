/**
 * The JSON encodings of Flows: {@link dev.flows.engine.format.JsonEventFormat} for CloudEvents in structured
 * and batch mode, and {@link dev.flows.engine.format.JsonValues} for plain JSON values (table rows, API
 * bodies). Both map JSON to the same plain Java values and neither builds a tree: they decode with Jackson's
 * streaming parser and encode with {@code FastJsonWriter}, which writes the bytes Jackson's generator would,
 * without its per-call setup. {@link dev.flows.engine.format.RawEvent} reads one event in place from its bytes for the engine's
 * per-event path: one validating pass, and values converted only when asked for.
 */
package dev.flows.engine.format;
