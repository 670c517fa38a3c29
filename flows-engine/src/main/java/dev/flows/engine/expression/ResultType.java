package dev.flows.engine.expression;

/** What an expression must produce, checked at compile time where CEL can tell. */
public enum ResultType {
    /** A bool: filters and route conditions. */
    BOOL,
    /** Any value: computed fields and keys. */
    ANY
}
