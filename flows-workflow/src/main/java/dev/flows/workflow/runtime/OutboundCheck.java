package dev.flows.workflow.runtime;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a workflow's http step may connect to. The server passes the policy its webhooks use, so
 * that one {@code --allow-outbound} governs both.
 */
@FunctionalInterface
public interface OutboundCheck {

    /** Public addresses only, unless the step allows private ones; never loopback's metadata neighbours. */
    OutboundCheck PUBLIC_ONLY = (address, allowPrivate) -> {
        boolean nonPublic = address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress();
        return nonPublic && !allowPrivate ? Optional.of("a non-public address") : Optional.empty();
    };

    /**
     * Why a call may not connect to {@code address}; empty when it may.
     *
     * @param allowPrivate whether the step allows loopback and private addresses ({@code allow-private})
     */
    Optional<String> refusal(InetAddress address, boolean allowPrivate);
}
