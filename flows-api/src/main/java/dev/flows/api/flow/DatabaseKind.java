package dev.flows.api.flow;

/**
 * The databases a {@link Destination.ToDatabase} can write to. Each is named in flow files by its {@link
 * #yamlName()} and reached through the JDBC URLs that start with its {@link #urlPrefix()}.
 */
public enum DatabaseKind {
    /** PostgreSQL, through the PostgreSQL JDBC driver. */
    POSTGRES("postgres", "PostgreSQL", "jdbc:postgresql:"),
    /** MariaDB (and MySQL-compatible servers the MariaDB driver reaches), through MariaDB Connector/J. */
    MARIADB("mariadb", "MariaDB", "jdbc:mariadb:");

    private final String yamlName;
    private final String displayName;
    private final String urlPrefix;

    DatabaseKind(String yamlName, String displayName, String urlPrefix) {
        this.yamlName = yamlName;
        this.displayName = displayName;
        this.urlPrefix = urlPrefix;
    }

    /** The destination's key in a flow file, e.g. {@code postgres}. */
    public String yamlName() {
        return yamlName;
    }

    /** The product's name, for messages, e.g. {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** How every JDBC URL of this database starts, e.g. {@code jdbc:postgresql:}. */
    public String urlPrefix() {
        return urlPrefix;
    }
}
