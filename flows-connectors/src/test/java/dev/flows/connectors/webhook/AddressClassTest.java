package dev.flows.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses are not public, judged on IP literals only (no DNS, no sockets). */
class AddressClassTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "127.8.9.10, loopback",
        "::1, loopback",
        "::ffff:127.0.0.1, loopback",
        "10.1.2.3, private",
        "172.16.0.1, private",
        "192.168.1.1, private",
        "100.64.0.1, private (carrier-grade NAT)",
        "fd12:3456::1, private (unique local)",
        "169.254.1.1, link-local",
        "fe80::1, link-local",
        "169.254.169.254, cloud metadata",
        "fd00:ec2::254, cloud metadata",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "0.1.2.3, unspecified",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "255.255.255.255, broadcast",
        "64:ff9b::a00:1, private",
        "2130706433, loopback"
    })
    void shouldNameWhatIsNotPublic(String literal, String kind) throws Exception {
        assertThat(AddressClass.nonPublic(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1"})
    void shouldFindPublicAddressesPublic(String literal) throws Exception {
        assertThat(AddressClass.nonPublic(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void shouldAllowPrivateButNotMetadataWhenDestinationAllowsPrivate() throws Exception {
        OutboundPolicy policy = OutboundPolicy.PUBLIC_ONLY;

        assertThat(policy.refusal(InetAddress.getByName("10.0.0.1"), true)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.0.0.1"), false)).contains("a private address");
        assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"), true))
                .contains("a cloud metadata address");
    }

    @Test
    void shouldAllowWhatTheAllowListHolds() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("169.254.169.254")));

        assertThat(policy.refusal(InetAddress.getByName("10.200.0.1"), false)).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"), false))
                .isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("192.168.0.1"), false)).contains("a private address");
    }

    @Test
    void shouldParseBlocksAndRefuseWhatIsNotOne() throws Exception {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fdab::1")))
                .isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("::ffff:10.0.0.1")))
                .isTrue();
        assertThatThrownBy(() -> Cidr.parse("example.com/8"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("outbound allow-list entry 'example.com/8' is not an IP address or block; write e.g."
                        + " 10.0.0.0/8, 192.168.1.20 or fd00::/8");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("outbound allow-list entry '10.0.0.0/33' has prefix length '33'; use 0 to 32, e.g."
                        + " 10.0.0.0/8");
    }
}
