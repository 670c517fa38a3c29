package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.IngestPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pages may post to a channel through the browser route. */
class BrowserOriginsTest {

    private static final String SERVER = "http://flows.example:8080";

    private static IngestPolicy origins(String... origins) {
        return new IngestPolicy(null, null, null, 0, List.of(origins));
    }

    private static BrowserOrigins.Verdict check(IngestPolicy policy, String origin) {
        return BrowserOrigins.check("web", policy, origin, SERVER);
    }

    @Test
    void shouldAllowAListedOriginWhateverItsCase() {
        assertThat(check(origins("https://shop.example"), "https://Shop.Example"))
                .isEqualTo(new BrowserOrigins.Allowed("https://shop.example"));
    }

    @Test
    void shouldAllowAnyOriginWithAStar() {
        assertThat(check(origins("*"), "https://anywhere.example"))
                .isEqualTo(new BrowserOrigins.Allowed("https://anywhere.example"));
    }

    @Test
    void shouldAllowTheServersOwnPagesOfABrowserChannel() {
        assertThat(check(origins("https://shop.example"), SERVER)).isEqualTo(new BrowserOrigins.Allowed(SERVER));
        assertThat(BrowserOrigins.check(
                        "web", origins("https://shop.example"), "http://flows.example", "http://flows.example:80"))
                .isInstanceOf(BrowserOrigins.Allowed.class);
    }

    @Test
    void shouldTreatADefaultPortAsNoPort() {
        assertThat(check(origins("https://shop.example:443"), "https://shop.example"))
                .isInstanceOf(BrowserOrigins.Allowed.class);
    }

    @Test
    void shouldRefuseAnOriginNotListedSayingHowToAddIt() {
        BrowserOrigins.Verdict verdict = check(origins("https://shop.example"), "https://evil.example");

        assertThat(verdict).isInstanceOfSatisfying(BrowserOrigins.Refused.class, refused -> {
            assertThat(refused.kind()).isEqualTo("origin-not-allowed");
            assertThat(refused.detail())
                    .contains("'https://evil.example'", "'web'", "[https://shop.example]")
                    .contains("browser: { origins: [https://evil.example] }");
        });
    }

    @Test
    void shouldRefuseAnotherPortOrSchemeOfAListedHost() {
        assertThat(check(origins("https://shop.example"), "http://shop.example"))
                .isInstanceOf(BrowserOrigins.Refused.class);
        assertThat(check(origins("https://shop.example"), "https://shop.example:8443"))
                .isInstanceOf(BrowserOrigins.Refused.class);
    }

    @Test
    void shouldRefuseEveryPageWhenTheChannelTakesNoBrowserEvents() {
        assertThat(check(IngestPolicy.NONE, SERVER)).isInstanceOfSatisfying(BrowserOrigins.Refused.class, refused -> {
            assertThat(refused.kind()).isEqualTo("browser-not-enabled");
            assertThat(refused.detail())
                    .contains("channel 'web' takes no events from web pages", "browser: { origins:");
        });
    }

    @Test
    void shouldRefuseARequestWithoutOrigin() {
        assertThat(check(origins("*"), null)).isInstanceOfSatisfying(BrowserOrigins.Refused.class, refused -> {
            assertThat(refused.kind()).isEqualTo("origin-missing");
            assertThat(refused.detail()).contains("/channels/web/events");
        });
    }
}
