package dev.flows.bench.w5;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --mode}: {@code batch-100} or {@code single}. Stateless. */
final class W5ModeConverter implements ITypeConverter<W5Mode> {

    @Override
    public W5Mode convert(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (W5Mode mode : W5Mode.values()) {
            if (mode.label().equals(wanted)) {
                return mode;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a W5 mode; use "
                + Arrays.stream(W5Mode.values()).map(W5Mode::label).collect(Collectors.joining(" or "))
                + " (or leave it out for both)");
    }
}
