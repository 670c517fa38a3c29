/**
 * The JSON encodings of Flows: {@link dev.flows.engine.format.JsonEventFormat} for CloudEvents in structured
 * and batch mode, and {@link dev.flows.engine.format.JsonValues} for plain JSON values (table rows, API
 * bodies). Both map JSON to the same plain Java values and both stream with Jackson instead of building a
 * tree.
 */
package dev.flows.engine.format;
