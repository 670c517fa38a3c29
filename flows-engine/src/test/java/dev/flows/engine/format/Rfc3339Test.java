package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    @Test
    void shouldAgreeWithJavaTimeOnRandomInstantsAndOffsets() {
        System.out.println("Rfc3339Test seed: " + SEED);
        Random random = new Random(SEED);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() + 86_400;
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - 86_400;
        for (int i = 0; i < 50_000; i++) {
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), nano);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4) - 18 * 4) * 15 * 60);
            String withOffset =
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, offset));

            assertThat(Rfc3339.format(instant)).as("seed %d", SEED).isEqualTo(instant.toString());
            assertThat(Rfc3339.parse(instant.toString())).as("seed %d", SEED).isEqualTo(instant);
            assertThat(Rfc3339.parse(withOffset))
                    .as("%s, seed %d", withOffset, SEED)
                    .isEqualTo(instant);
        }
    }

    @Test
    void shouldFormatYearsBeyondRfc3339InExpandedIsoForm() {
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");

        assertThat(Rfc3339.format(farFuture)).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void shouldParseLowerCaseSeparatorsAndFractionsOfAnyLength() {
        assertThat(Rfc3339.parse("2024-02-29t23:59:59.5z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
        assertThat(Rfc3339.parse("2024-05-01T00:00:00.000000001-23:59"))
                .isEqualTo(Instant.parse("2024-05-01T23:59:00.000000001Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2024-05-01T12:30:00",
                "2024-05-01T12:30:00.Z",
                "2024-05-01T12:30:00ZZ",
                "2024-05-01T12:30:00+02",
                "2024-05-01T12:30:00+02:00:00",
                "2024-05-01T12:30:00+24:00",
                "2024-05-01T24:00:00Z",
                "2024-05-01T12:60:00Z",
                "2024-05-01T12:30:60Z",
                "2023-02-29T12:30:00Z",
                "2024-00-01T12:30:00Z",
                "2024-05-00T12:30:00Z",
                "+2024-05-01T12:30:00Z",
                "2024-5-01T12:30:00Z",
                "2024-05-01T12:30:0xZ",
                "2024-05-01X12:30:00Z",
                "２０２４-05-01T12:30:00Z"
            })
    void shouldRejectTextThatIsNotAnRfc3339Timestamp(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
