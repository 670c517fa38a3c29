package dev.flows.engine.template;

/** A piece of a compiled template: text written as it is, or a placeholder. */
sealed interface Part permits Literal, Placeholder {}
