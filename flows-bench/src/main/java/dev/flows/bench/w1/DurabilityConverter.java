package dev.flows.bench.w1;

import dev.flows.api.channel.Durability;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --durability}: {@code fsync} or {@code os}, the two modes W1 defines. Stateless. */
final class DurabilityConverter implements ITypeConverter<Durability> {

    @Override
    public Durability convert(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fsync" -> Durability.FSYNC;
            case "os" -> Durability.OS;
            default ->
                throw new TypeConversionException(
                        "'" + value + "' is not a durability W1 measures; use fsync or os (or leave it out for both)");
        };
    }
}
