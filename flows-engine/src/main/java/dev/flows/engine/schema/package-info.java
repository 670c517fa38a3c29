/**
 * JSON Schema (draft 2020-12) for event data: {@link dev.flows.engine.schema.EventSchema} reads a channel's
 * schema file once, refusing a file that is missing, not JSON or not a valid 2020-12 schema with its line and
 * column, and then checks the data of events against it, naming every violation by a JSON Pointer. Schemas are
 * read from the flow directory only: a {@code $ref} may name another file there, never a URL, so nothing is ever
 * fetched over the network. Built on networknt's json-schema-validator; its Jackson tree model stays inside this
 * package.
 */
package dev.flows.engine.schema;
