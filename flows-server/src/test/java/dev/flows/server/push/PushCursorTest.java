package dev.flows.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PushCursorTest {

    @Test
    void shouldWriteTheLastOffsetPassedInEachPartitionThatMoved() {
        PushCursor cursor = PushCursor.at(new long[] {0, 5, 0, 9});
        assertThat(cursor.id()).isEqualTo("1-4.3-8");

        cursor.passed(0, 0);
        cursor.passed(1, 7);

        assertThat(cursor.id()).isEqualTo("0-0.1-7.3-8");
    }

    @Test
    void shouldReadBackTheIdItWritesAndStartUnnamedPartitionsAtTheBeginning() {
        PushCursor cursor = PushCursor.parse("1-4.3-8", 4);

        assertThat(cursor.next(0)).isZero();
        assertThat(cursor.next(1)).isEqualTo(5);
        assertThat(cursor.next(2)).isZero();
        assertThat(cursor.next(3)).isEqualTo(9);
        assertThat(cursor.id()).isEqualTo("1-4.3-8");
        assertThat(PushCursor.parse("0-17", 1).id()).isEqualTo("0-17");
    }

    @Test
    void shouldRefuseIdsThatNameNoPartitionOfTheChannel() {
        assertThatThrownBy(() -> PushCursor.parse("4-1", 4))
                .hasMessage("it names partition 4, but the channel has partitions 0 to 3");
        assertThatThrownBy(() -> PushCursor.parse("0-1.0-2", 4)).hasMessage("it names partition 0 twice");
        assertThatThrownBy(() -> PushCursor.parse("0-1..1-2", 4))
                .hasMessage("'' is not a partition-offset pair such as 0-17");
        assertThatThrownBy(() -> PushCursor.parse("0--1", 4))
                .hasMessage("'0--1' is not a partition-offset pair such as 0-17");
    }
}
