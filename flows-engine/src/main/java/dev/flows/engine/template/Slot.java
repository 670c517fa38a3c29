package dev.flows.engine.template;

/** Where a placeholder sits, which decides how its value is written there. */
enum Slot {
    /** A whole JSON value: written as JSON, {@code null} when missing. */
    JSON_VALUE,
    /** Inside a JSON string: written as text, JSON-escaped, nothing when missing. */
    JSON_STRING,
    /** Plain text: written as text, nothing when missing. */
    TEXT,
    /** HTML: written as text, HTML-escaped, nothing when missing. */
    HTML
}
