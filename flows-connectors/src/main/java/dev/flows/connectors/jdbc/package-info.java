/**
 * The database sink: upserts rows computed by the engine into a PostgreSQL or MariaDB table through JDBC and a
 * small HikariCP pool, in batches, each batch one transaction that records its event ids in the bookkeeping
 * table {@code flows_applied}, so that no event is applied twice. {@link dev.flows.connectors.jdbc.DatabaseSink}
 * is the entry point; {@link dev.flows.connectors.jdbc.Dialect} holds what differs between the databases.
 */
package dev.flows.connectors.jdbc;
