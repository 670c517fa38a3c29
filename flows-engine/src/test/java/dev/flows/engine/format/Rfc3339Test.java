package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
    void shouldFormatEveryDayFromYear0To9999AsJavaTimeDoes() {
        byte[] text = new byte[Rfc3339.MAX_LENGTH + 1];
        long first = LocalDate.of(0, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        int[] nanos = {0, 123_000_000, 123_456_000, 123_456_789};
        for (long day = first; day <= last; day++) {
            // A different second of the day each day, and each precision in turn.
            long secondOfDay = Math.floorMod(day * 7_919, 86_400);
            Instant instant = Instant.ofEpochSecond(day * 86_400 + secondOfDay, nanos[Math.floorMod(day, 4)]);

            int end = Rfc3339.format(instant, text, 1);

            String written = end < 0 ? "(nothing)" : new String(text, 1, end - 1, StandardCharsets.US_ASCII);
            if (!written.equals(instant.toString())) {
                assertThat(written).as("epoch day %d", day).isEqualTo(instant.toString());
            }
        }
        assertThat(Rfc3339.format(Instant.ofEpochSecond(first * 86_400 - 1), text, 0))
                .isEqualTo(-1);
        assertThat(Rfc3339.format(Instant.ofEpochSecond((last + 1) * 86_400), text, 0))
                .isEqualTo(-1);
    }

    @Test
    void shouldRefuseInstantsBeyondLocalDateAsBefore() {
        assertThatThrownBy(() -> Rfc3339.format(Instant.MAX)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Rfc3339.format(Instant.MIN)).isInstanceOf(DateTimeException.class);
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
