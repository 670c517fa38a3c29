/**
 * CEL expressions over events: {@link dev.flows.engine.expression.CelCompiler} compiles and type-checks an
 * expression once (reporting errors at their file, line and column), {@link
 * dev.flows.engine.expression.EventVariables} binds one event's attributes and data without copying, and
 * {@link dev.flows.engine.expression.CompiledExpression} evaluates to plain JSON-like Java values, failing with
 * an {@link dev.flows.engine.expression.ExpressionException} that says where and what to do.
 */
package dev.flows.engine.expression;
