/**
 * Golden output of a flow: what a {@link dev.flows.testkit.FlowTestDriver}'s flow emitted, as JSON lines that
 * can be written to a file ({@link dev.flows.testkit.golden.GoldenFile}), read back and compared with what a
 * later run emits ({@link dev.flows.testkit.golden.OutputDiff}). {@code flows test} is built on it.
 */
package dev.flows.testkit.golden;
