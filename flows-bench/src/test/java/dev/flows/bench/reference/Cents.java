package dev.flows.bench.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** round2 of WORKLOADS.md in whole cents, on decimal text: exact, whatever doubles would do. Stateless. */
final class Cents {

    private Cents() {}

    /** round2(price * qty), in cents, halves rounded up. */
    static long round2(BigDecimal price, long qty) {
        return price.multiply(BigDecimal.valueOf(qty))
                .setScale(2, RoundingMode.HALF_UP)
                .movePointRight(2)
                .longValueExact();
    }
}
