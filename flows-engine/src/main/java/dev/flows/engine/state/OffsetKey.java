package dev.flows.engine.state;

/**
 * The key of one consumer offset in the offsets map: consumer, channel and partition in one string that
 * no other triple produces. The consumer is length-prefixed and the partition follows the last '/', so
 * names may hold any character: {@code 6:flow-a/orders/3} is consumer "flow-a", channel "orders",
 * partition 3.
 */
record OffsetKey(String consumer, String channel, int partition) {

    String encoded() {
        return consumer.length() + ":" + consumer + "/" + channel + "/" + partition;
    }
}
