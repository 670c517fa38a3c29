package dev.flows.connectors.jdbc;

import dev.flows.api.flow.ColumnMerge;

/** A column an upsert updates when the row exists, and how: {@link ColumnMerge#REPLACE} or {@link ColumnMerge#ADD}. */
record UpdatedColumn(String name, ColumnMerge merge) {}
