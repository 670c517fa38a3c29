/**
 * CEL expressions over events: {@link dev.flows.engine.expression.CelCompiler} compiles and type-checks an
 * expression once (reporting errors at their file, line and column), {@link
 * dev.flows.engine.expression.EventVariables} binds one event's attributes and data without copying ({@link
 * dev.flows.engine.expression.RawEventVariables} binds them lazily from the event's JSON bytes), and {@link
 * dev.flows.engine.expression.CompiledExpression} evaluates to plain JSON-like Java values, failing with an
 * {@link dev.flows.engine.expression.ExpressionException} that says where and what to do. Common expressions
 * are evaluated by a tree planned from the checked AST ({@code FastPlanner}); the CEL interpreter evaluates
 * the rest and reports every error.
 */
package dev.flows.engine.expression;
