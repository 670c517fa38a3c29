package dev.flows.engine.state;

/**
 * The rule for state table names, which become MVStore map names: {@code [a-z][a-z0-9._-]{0,127}}, so
 * names stay readable in tools and never collide with the store's own maps.
 */
final class TableNames {

    static final int MAX_LENGTH = 128;

    private TableNames() {}

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!valid) {
                return false;
            }
        }
        return true;
    }
}
