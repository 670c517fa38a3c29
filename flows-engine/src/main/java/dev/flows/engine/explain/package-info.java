/**
 * What a flow will do, as stable text: {@link dev.flows.engine.explain.FlowExplainer} renders a flow's
 * source, event time, steps (with their state tables and late channels) and destinations for
 * {@code flows explain} and for golden-file tests of flow descriptions.
 */
package dev.flows.engine.explain;
