package dev.flows.connectors.webhook;

import dev.flows.api.error.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code fd00::/8}, or one address ({@code 127.0.0.1}): an
 * entry of the server's outbound allow-list. Immutable.
 *
 * @param network      the block's first address, its bits past {@code prefixLength} cleared
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * Parses {@code address/bits} or a lone address (all bits). Only IP literals: a host name would need DNS,
     * whose answer may change.
     *
     * @throws ConfigurationException saying what is wrong and how to write it
     */
    public static Cidr parse(String text) {
        String written = text.strip();
        int slash = written.indexOf('/');
        String address = slash < 0 ? written : written.substring(0, slash);
        InetAddress network = literal(text, address);
        int bits = network.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefix(text, written.substring(slash + 1), bits);
        return new Cidr(masked(network, prefix), prefix);
    }

    /** Whether {@code address} is in this block; an IPv4 address is never in an IPv6 block, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] block = network.getAddress();
        if (candidate.length != block.length) {
            return false;
        }
        return Arrays.equals(masked(candidate, prefixLength), block);
    }

    @Override
    public String toString() {
        return network.getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefixLength;
    }

    private static InetAddress literal(String text, String address) {
        if (!address.isEmpty() && LITERAL.matcher(address).matches()) {
            try {
                return InetAddress.getByName(address); // a literal: no DNS lookup happens
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new ConfigurationException("outbound allow-list entry '" + text + "' is not an IP address or block;"
                + " write e.g. 10.0.0.0/8, 192.168.1.20 or fd00::/8");
    }

    private static int prefix(String text, String bits, int max) {
        try {
            int prefix = Integer.parseInt(bits);
            if (prefix >= 0 && prefix <= max) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("outbound allow-list entry '" + text + "' has prefix length '" + bits
                + "'; use 0 to " + max + ", e.g. 10.0.0.0/8");
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        try {
            return InetAddress.getByAddress(masked(address.getAddress(), prefix));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }
}
