package dev.flows.server.auth;

import dev.flows.api.error.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the tokens file given to {@code flows run --tokens}:
 *
 * <pre>
 * tokens:
 *   - name: shop-backend
 *     secret: ${SHOP_TOKEN}      # the secret itself, here from the environment
 *     scopes: [produce:shop, consume:orders]
 *   - name: ops
 *     sha256: 2c26b46b...        # or only the SHA-256 of the secret, in hex (flows token prints both)
 *     scopes: [admin]
 * </pre>
 *
 * Every mistake is reported with {@code file:line:column}, and a file with any mistake starts nothing.
 */
public final class TokenFile {

    /** Shorter secrets could be guessed; {@code flows token} makes 32 random bytes. */
    static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String fileName;
    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    private TokenFile(String fileName, Map<String, String> environment) {
        this.fileName = fileName;
        this.environment = environment;
    }

    /**
     * Reads the tokens of a file, with {@code ${NAME}} secrets taken from the process environment.
     *
     * @throws ConfigurationException listing every problem, if the file cannot be read or has any
     */
    public static ApiTokens read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the tokens file " + file + " (" + e.getMessage()
                    + "); give the path of a readable YAML file to --tokens");
        }
        return parse(file.toString(), text, System.getenv());
    }

    /** Reads tokens from text; {@code environment} resolves {@code ${NAME}} secrets. */
    static ApiTokens parse(String fileName, String text, Map<String, String> environment) {
        TokenFile reader = new TokenFile(fileName, environment);
        List<ApiToken> tokens = reader.document(text);
        if (!reader.problems.isEmpty()) {
            throw new ConfigurationException("the tokens file has " + reader.problems.size() + " problem(s):\n  "
                    + String.join("\n  ", reader.problems));
        }
        return new ApiTokens(tokens);
    }

    private List<ApiToken> document(String text) {
        List<ApiToken> tokens = new ArrayList<>();
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(fileName).build())
                    .composeString(text)
                    .orElse(null);
        } catch (YamlEngineException e) {
            problems.add(fileName + ": YAML error: " + e.getMessage());
            return tokens;
        }
        if (!(root instanceof MappingNode map)
                || map.getValue().size() != 1
                || !"tokens".equals(key(map.getValue().getFirst()))) {
            problems.add(at(root) + "a tokens file is a map with the one key 'tokens', a list of tokens; write e.g."
                    + " tokens: [{name: ops, secret: ${OPS_TOKEN}, scopes: [admin]}]");
            return tokens;
        }
        Node list = map.getValue().getFirst().getValueNode();
        if (!(list instanceof SequenceNode items) || items.getValue().isEmpty()) {
            problems.add(at(list) + "'tokens' must be a list with at least one token");
            return tokens;
        }
        Set<String> names = new HashSet<>();
        for (Node item : items.getValue()) {
            ApiToken token = token(item);
            if (token != null && !names.add(token.name())) {
                problems.add(
                        at(item) + "token name '" + token.name() + "' is used twice; give each token its own name");
            } else if (token != null) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private ApiToken token(Node item) {
        if (!(item instanceof MappingNode map)) {
            problems.add(at(item) + "a token must be a map with name, secret or sha256, and scopes");
            return null;
        }
        String name = null;
        byte[] digest = null;
        List<Scope> scopes = new ArrayList<>();
        boolean hasScopes = false;
        for (NodeTuple field : map.getValue()) {
            String key = key(field);
            Node value = field.getValueNode();
            switch (key == null ? "" : key) {
                case "name" -> name = name(value);
                case "secret" -> digest = secret(value);
                case "sha256" -> digest = sha256(value);
                case "scopes" -> {
                    hasScopes = true;
                    scopes(value, scopes);
                }
                default ->
                    problems.add(at(field.getKeyNode()) + "unknown key '" + key
                            + "' in a token; a token has the keys: name, secret, sha256, scopes");
            }
        }
        if (name == null || digest == null || !hasScopes) {
            problems.add(at(item) + "a token needs a name, a secret (or its sha256) and scopes;"
                    + " write e.g. {name: ops, secret: ${OPS_TOKEN}, scopes: [admin]}");
            return null;
        }
        if (scopes.isEmpty()) {
            return null;
        }
        return new ApiToken(name, digest, scopes);
    }

    private String name(Node value) {
        String text = scalar(value);
        if (text == null || !NAME.matcher(text).matches()) {
            problems.add(at(value) + "a token's name must be letters, digits, '.', '-' or '_', e.g. shop-backend");
            return null;
        }
        return text;
    }

    private byte[] secret(Node value) {
        String text = scalar(value);
        if (text == null) {
            problems.add(at(value) + "'secret' must be text, e.g. secret: ${SHOP_TOKEN}");
            return null;
        }
        Matcher placeholder = WHOLE_PLACEHOLDER.matcher(text);
        if (placeholder.matches()) {
            text = environment.get(placeholder.group(1));
            if (text == null || text.isEmpty()) {
                problems.add(at(value) + "the environment variable " + placeholder.group(1)
                        + " is not set; export it, or give the secret's sha256 instead");
                return null;
            }
        }
        if (text.length() < MIN_SECRET_LENGTH) {
            problems.add(at(value) + "the secret is shorter than " + MIN_SECRET_LENGTH
                    + " characters and could be guessed; make one with `flows token`");
            return null;
        }
        return digest(text);
    }

    private byte[] sha256(Node value) {
        String text = scalar(value);
        try {
            if (text != null && text.length() == 64) {
                return HexFormat.of().parseHex(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(at(value) + "'sha256' must be 64 hex digits, the SHA-256 of the secret, as `flows token` prints");
        return null;
    }

    private void scopes(Node value, List<Scope> scopes) {
        if (!(value instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(
                    at(value) + "'scopes' must be a list of at least one scope, e.g. [produce:shop, consume:shop]");
            return;
        }
        for (Node item : list.getValue()) {
            String text = scalar(item);
            try {
                if (text == null) {
                    throw new IllegalArgumentException("a scope must be text such as produce:shop");
                }
                scopes.add(Scope.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(at(item) + e.getMessage());
            }
        }
    }

    /** The SHA-256 of a secret, as tokens are kept and compared. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String key(NodeTuple tuple) {
        return scalar(tuple.getKeyNode());
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private String at(Node node) {
        if (node == null || node.getStartMark().isEmpty()) {
            return fileName + ": ";
        }
        var mark = node.getStartMark().get();
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }
}
