package dev.flows.log.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerStateTest {

    @Test
    void shouldKnowEachProducersLastSequenceAndIgnoreBatchesItHasSeen() {
        ProducerState state = new ProducerState();

        state.apply(new ProducerEntry("a", 3, 10));
        state.apply(new ProducerEntry("b", 7, 11));
        state.apply(new ProducerEntry("a", 9, 14));
        state.apply(new ProducerEntry("a", 3, 10));

        assertThat(state.lastSequence("a")).isEqualTo(9);
        assertThat(state.lastSequence("b")).isEqualTo(7);
        assertThat(state.lastSequence("c")).isEqualTo(-1);
        assertThat(state.entries())
                .as("least recently written first")
                .containsExactly(new ProducerEntry("b", 7, 11), new ProducerEntry("a", 9, 14));
    }

    @Test
    void shouldForgetTheProducerWrittenLeastRecentlyBeyondItsBound() {
        ProducerState state = new ProducerState(2);

        state.apply(new ProducerEntry("a", 1, 0));
        state.apply(new ProducerEntry("b", 1, 1));
        state.apply(new ProducerEntry("a", 2, 2));
        state.apply(new ProducerEntry("c", 1, 3));

        assertThat(state.size()).isEqualTo(2);
        assertThat(state.lastSequence("b")).as("forgotten").isEqualTo(-1);
        assertThat(state.lastSequence("a")).isEqualTo(2);
        assertThat(state.lastSequence("c")).isEqualTo(1);
    }

    @Test
    void shouldMakeDurableOnlyTheChangesBelowTheCheckpointedOffset() {
        ProducerState recovered = new ProducerState();
        recovered.apply(new ProducerEntry("a", 1, 0));
        PartitionProducers producers = new PartitionProducers(recovered);

        producers.onWritten(new ProducerEntry("a", 5, 4));
        producers.onWritten(new ProducerEntry("b", 2, 6));
        producers.onWritten(new ProducerEntry("a", 8, 9));

        assertThat(producers.lastSequence("a")).as("live").isEqualTo(8);
        assertThat(producers.durableThrough(7))
                .containsExactly(new ProducerEntry("a", 5, 4), new ProducerEntry("b", 2, 6));
        assertThat(producers.pendingChanges()).isEqualTo(1);
        assertThat(producers.durableThrough(10))
                .containsExactly(new ProducerEntry("b", 2, 6), new ProducerEntry("a", 8, 9));
        assertThat(producers.pendingChanges()).isZero();
    }
}
