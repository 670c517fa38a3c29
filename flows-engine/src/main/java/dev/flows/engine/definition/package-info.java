/**
 * Flow files into the flow model: {@link dev.flows.engine.definition.FlowFileParser} reads one YAML file by
 * hand from snakeyaml-engine's node tree (keeping every line and column), one reader per kind of map
 * ({@code StepReader} and the readers of the larger steps: {@code WindowReader}, {@code JoinReader}, {@code
 * PatternReader}, ...); {@link dev.flows.engine.definition.FlowValidator} checks a whole set across files
 * (names, channels, tables, CEL with the variables each expression sees, JSONata, what the model can hold but a
 * flow cannot run), pointing at values through {@link dev.flows.engine.definition.ReferenceLocations}; {@link
 * dev.flows.engine.definition.LookupFile} reads an enrich step's lookup file for the linter and the runtime
 * alike; and {@link dev.flows.engine.definition.FlowDirectory} loads a directory, reporting every problem of
 * every file at once.
 */
package dev.flows.engine.definition;
