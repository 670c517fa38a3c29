package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths the ingest fast path takes; everything else goes on to Javalin's routes. */
class IngestFastPathTest {

    @Test
    void shouldTakeOnlyPlainChannelEventPaths() {
        assertThat(IngestFastPath.channelOf("/channels/shop/events")).isEqualTo("shop");
        assertThat(IngestFastPath.channelOf("/channels/shop.orders-2/events")).isEqualTo("shop.orders-2");

        assertThat(IngestFastPath.channelOf("/channels//events")).isNull();
        assertThat(IngestFastPath.channelOf("/channels/events")).isNull();
        assertThat(IngestFastPath.channelOf("/channels/a/b/events")).isNull();
        assertThat(IngestFastPath.channelOf("/channels/sh%6Fp/events")).isNull();
        assertThat(IngestFastPath.channelOf("/channels/shop/events/")).isNull();
        assertThat(IngestFastPath.channelOf("/channels/shop/stream")).isNull();
        assertThat(IngestFastPath.channelOf("/sdk/channels/shop/events")).isNull();
        assertThat(IngestFastPath.channelOf(null)).isNull();
    }
}
