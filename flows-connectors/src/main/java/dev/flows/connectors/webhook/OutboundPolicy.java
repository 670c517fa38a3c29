package dev.flows.connectors.webhook;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses outbound requests may connect to: every public address, plus the server-wide allow-list
 * ({@code flows run --allow-outbound 10.0.0.0/8}, env {@code FLOWS_ALLOW_OUTBOUND}), plus, for a destination
 * that says {@code allow-private: true}, every loopback, private and link-local address but the cloud
 * metadata services (only the allow-list can open those). Immutable.
 *
 * @param allowList blocks that are always allowed
 */
public record OutboundPolicy(List<Cidr> allowList) {

    /** Public addresses only. */
    public static final OutboundPolicy PUBLIC_ONLY = new OutboundPolicy(List.of());

    public OutboundPolicy {
        allowList = List.copyOf(Objects.requireNonNull(allowList, "allowList"));
    }

    /**
     * Why a request may not connect to {@code address}, such as {@code a loopback address}; empty when it may.
     *
     * @param allowPrivate whether the destination allows loopback, private and link-local addresses
     */
    public Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        Optional<String> nonPublic = AddressClass.nonPublic(address);
        if (nonPublic.isEmpty() || allowList.stream().anyMatch(block -> block.contains(address))) {
            return Optional.empty();
        }
        if (allowPrivate && !AddressClass.metadata(address)) {
            return Optional.empty();
        }
        return nonPublic.map(kind -> "a " + kind + " address");
    }
}
