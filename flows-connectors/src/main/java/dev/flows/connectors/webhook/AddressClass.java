package dev.flows.connectors.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses an outbound request must not reach by default, and what to call them in a refusal: loopback,
 * private (RFC 1918, fc00::/7, and carrier-grade NAT 100.64/10), link-local (169.254/16, fe80::/10), cloud
 * metadata (169.254.169.254, fd00:ec2::254), unspecified (0.0.0.0, ::, 0/8), multicast and broadcast. An IPv6
 * address that embeds an IPv4 one (mapped {@code ::ffff:a.b.c.d}, NAT64 {@code 64:ff9b::/96}) is judged by
 * the IPv4 address. Stateless.
 */
final class AddressClass {

    /** The instance-metadata services of the big clouds: worth refusing even where private addresses are allowed. */
    static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254/32"), Cidr.parse("fd00:ec2::254/128"));

    private static final List<Named> RESERVED = List.of(
            new Named(Cidr.parse("0.0.0.0/8"), "unspecified"),
            new Named(Cidr.parse("100.64.0.0/10"), "private (carrier-grade NAT)"),
            new Named(Cidr.parse("255.255.255.255/32"), "broadcast"),
            new Named(Cidr.parse("fc00::/7"), "private (unique local)"));
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private record Named(Cidr block, String name) {}

    private AddressClass() {}

    /** Why the address is not public, such as {@code loopback}; empty for a public address. */
    static Optional<String> nonPublic(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        if (METADATA.stream().anyMatch(block -> block.contains(judged))) {
            return Optional.of("cloud metadata");
        }
        if (judged.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (judged.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (judged.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (judged.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (judged.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return RESERVED.stream()
                .filter(named -> named.block().contains(judged))
                .map(Named::name)
                .findFirst();
    }

    /** Whether the address is a cloud metadata service. */
    static boolean metadata(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        return METADATA.stream().anyMatch(block -> block.contains(judged));
    }

    /**
     * The IPv4 address inside an IPv6 one that carries it: IPv4-compatible {@code ::a.b.c.d}, NAT64. (The JDK
     * already turns a mapped {@code ::ffff:a.b.c.d} into an {@link Inet4Address}.)
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean mapped = zeros(bytes, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = zeros(bytes, 12) && !address.isLoopbackAddress() && !address.isAnyLocalAddress();
        if (mapped || compatible || NAT64.contains(address)) {
            try {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean zeros(byte[] bytes, int zeros) {
        for (int i = 0; i < zeros; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
