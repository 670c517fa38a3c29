package dev.flows.server.cli;

import dev.flows.server.auth.Scope;
import dev.flows.server.auth.TokenFile;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flows token --name N --scope produce:shop}: makes a new random secret and prints it once, with the
 * entry for the tokens file, which keeps only its SHA-256.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Make a bearer token: prints the secret and the tokens-file entry holding its SHA-256.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "The token's name, e.g. shop-backend.")
    String name;

    @Option(
            names = "--scope",
            required = true,
            description = "A scope, repeatable: produce:CHANNEL, consume:CHANNEL, admin (CHANNEL may end in *).")
    List<String> scopes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String scope : scopes) {
            try {
                Scope.parse(scope);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = "flows_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String sha256 = HexFormat.of().formatHex(TokenFile.digest(secret));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("secret (shown once; give it to the client as FLOWS_TOKEN or Authorization: Bearer):%n");
        out.printf("  %s%n", secret);
        out.printf("entry for the tokens file (flows run --tokens FILE):%n");
        out.printf("  - name: %s%n    sha256: %s%n    scopes: [%s]%n", name, sha256, String.join(", ", scopes));
        out.flush();
        return 0;
    }
}
