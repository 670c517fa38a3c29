/**
 * Flow files into the flow model: {@link dev.flows.engine.definition.FlowFileParser} reads one YAML file by
 * hand from snakeyaml-engine's node tree (keeping every line and column), {@link
 * dev.flows.engine.definition.FlowValidator} checks a whole set across files (names, channels, CEL), and
 * {@link dev.flows.engine.definition.FlowDirectory} loads a directory, reporting every problem of every file
 * at once.
 */
package dev.flows.engine.definition;
