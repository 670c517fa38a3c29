package dev.flows.log.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GateTest {

    private final Gate gate = new Gate("the embedded log at /data");

    @Test
    void shouldCloseOnlyOnceTheThreadsInsideHaveLeft() throws Exception {
        gate.enter("append");
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Thread closer = Thread.ofVirtual().start(() -> closed.complete(gate.close()));
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.WAITING);
        assertThat(closed).isNotDone();

        gate.exit();

        assertThat(closed.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.close()).isFalse();
    }

    @Test
    void shouldRefuseToLetAnyoneInOnceClosed() {
        gate.close();

        assertThatThrownBy(() -> gate.enter("append to channel 'shop'"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot append to channel 'shop': the embedded log at /data is closed;"
                        + " open the directory again with EmbeddedLog.open");
        assertThatThrownBy(() -> gate.checkOpen("read")).isInstanceOf(IllegalStateException.class);
        assertThat(gate.close()).isFalse();
    }
}
