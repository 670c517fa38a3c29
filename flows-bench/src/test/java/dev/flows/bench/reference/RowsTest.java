package dev.flows.bench.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowsTest {

    private static String canonical(String json) {
        return Rows.canonical(Rows.JSON.readTree(json));
    }

    @Test
    void shouldCompareNumbersByDecimalValueAndObjectsWhateverTheirKeyOrder() {
        assertThat(canonical("{\"amount\":328.0,\"order\":\"o1\"}"))
                .isEqualTo(canonical("{\"order\":\"o1\",\"amount\":328.00}"))
                .isEqualTo(canonical("{\"order\":\"o1\",\"amount\":328}"));
    }

    @Test
    void shouldTellApartWhatDiffersBeyondADoublesNoise() {
        assertThat(canonical("{\"revenue\":0.30000000000000004}")).isNotEqualTo(canonical("{\"revenue\":0.3}"));
        assertThat(canonical("{\"n\":\"1\"}")).isNotEqualTo(canonical("{\"n\":1}"));
    }
}
