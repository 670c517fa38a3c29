package dev.flows.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tokens file: secrets from the environment or as SHA-256, scopes, and every mistake with its place. */
class TokenFileTest {

    private static final String SECRET = "shop-secret-0123456789";

    @Test
    void shouldReadTokensAndAuthenticateBySecret() {
        String sha = HexFormat.of().formatHex(TokenFile.digest("ops-secret-0123456789"));
        ApiTokens tokens = TokenFile.parse("tokens.yaml", """
                tokens:
                  - name: shop-backend
                    secret: ${SHOP_TOKEN}
                    scopes: [produce:shop, consume:shop.*]
                  - name: ops
                    sha256: %s
                    scopes: [admin]
                """.formatted(sha), Map.of("SHOP_TOKEN", SECRET));

        assertThat(tokens.required()).isTrue();
        ApiToken shop = tokens.authenticate(SECRET).orElseThrow();
        assertThat(shop.name()).isEqualTo("shop-backend");
        assertThat(shop.allows(Verb.PRODUCE, "shop")).isTrue();
        assertThat(shop.allows(Verb.PRODUCE, "shop.orders")).isFalse();
        assertThat(shop.allows(Verb.CONSUME, "shop.orders")).isTrue();
        assertThat(shop.allows(Verb.CONSUME, "shopping")).isFalse();
        assertThat(shop.allows(Verb.ADMIN, "shop")).isFalse();
        assertThat(shop.allowsAny(Verb.ADMIN)).isFalse();
        ApiToken ops = tokens.authenticate("ops-secret-0123456789").orElseThrow();
        assertThat(ops.allows(Verb.PRODUCE, "anything")).isTrue();
        assertThat(ops.allowsAny(Verb.ADMIN)).isTrue();
        assertThat(tokens.authenticate("ops-secret-012345678")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(ops.toString()).doesNotContain("secret");
    }

    @Test
    void shouldReportEveryMistakeWithItsLineAndColumn() {
        assertThatThrownBy(() -> TokenFile.parse("tokens.yaml", """
                        tokens:
                          - name: a
                            secret: short
                            scopes: [produce:shop]
                          - name: b
                            secret: ${MISSING}
                            scopes: [write:shop, consume:Shop]
                          - name: c
                            sha256: abc
                            scopes: []
                            color: red
                          - name: d
                        """, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tokens.yaml:3:13: the secret is shorter than 16 characters")
                .hasMessageContaining(
                        "tokens.yaml:6:13: the environment variable MISSING is not set; export it, or give the"
                                + " secret's sha256 instead")
                .hasMessageContaining("tokens.yaml:7:14: scope 'write:shop' starts with 'write', which is not one of"
                        + " produce, consume, admin")
                .hasMessageContaining("tokens.yaml:7:26: scope 'consume:Shop' names 'Shop'")
                .hasMessageContaining("tokens.yaml:9:13: 'sha256' must be 64 hex digits")
                .hasMessageContaining("tokens.yaml:10:13: 'scopes' must be a list of at least one scope")
                .hasMessageContaining("tokens.yaml:11:5: unknown key 'color' in a token")
                .hasMessageContaining("tokens.yaml:12:5: a token needs a name, a secret (or its sha256) and scopes");
    }

    @Test
    void shouldRefuseAFileThatIsNotATokenList() {
        assertThatThrownBy(() -> TokenFile.parse("tokens.yaml", "- name: x\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tokens.yaml:1:1: a tokens file is a map with the one key 'tokens'");
        assertThatThrownBy(() -> TokenFile.parse("tokens.yaml", "tokens: [\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("YAML error");
    }
}
