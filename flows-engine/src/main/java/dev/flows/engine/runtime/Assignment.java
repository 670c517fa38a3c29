package dev.flows.engine.runtime;

import dev.flows.engine.expression.CompiledExpression;

/** A computed field ready to run: the path to write and the compiled expression giving its value. */
record Assignment(String path, CompiledExpression value) {}
