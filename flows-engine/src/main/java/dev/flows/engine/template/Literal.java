package dev.flows.engine.template;

/** Template text written as it is. */
record Literal(String text) implements Part {}
