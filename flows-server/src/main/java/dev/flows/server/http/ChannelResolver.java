package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import java.util.stream.Collectors;

/** Finds the channel a request names, or answers 404 with the names that exist. */
record ChannelResolver(ChannelBackend channels) {

    Channel require(String name) {
        return channels.find(name)
                .orElseThrow(() -> ApiException.notFound(
                        "unknown-channel",
                        "channel '" + name
                                + "' does not exist; the channels are: "
                                + channels.channels().stream()
                                        .map(Channel::name)
                                        .collect(Collectors.joining(", "))
                                + ". Declare new channels under 'channels:' in a flow file"));
    }
}
