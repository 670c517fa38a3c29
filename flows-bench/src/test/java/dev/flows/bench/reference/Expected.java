package dev.flows.bench.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The exact outputs of W2, W3 and W4 for an input file, computed from WORKLOADS.md in plain Java (one pass
 * over the lines, each parsed with Jackson's tree model), sharing no code with the engine or the flows. Each
 * output is the sorted list of its rows in {@link Rows}' canonical text, to compare as a multiset.
 *
 * @param carts       W2's {@code carts}
 * @param orders      W2's {@code orders}
 * @param windows     W3's {@code windows}
 * @param lateCarts   cart adds W3 drops as late: none when the input keeps its promise of lateness under 2 s
 * @param cardTesting W4a's alerts
 * @param abandoned   W4b's abandoned checkouts
 */
public record Expected(
        List<String> carts,
        List<String> orders,
        List<String> windows,
        long lateCarts,
        List<String> cardTesting,
        List<String> abandoned) {

    /** Computes every output of {@code input}. */
    public static Expected of(Path input) {
        CartsAndOrders w2 = new CartsAndOrders();
        ItemMinutes w3 = new ItemMinutes();
        CardTesting w4a = new CardTesting();
        AbandonedCheckouts w4b = new AbandonedCheckouts();
        try (BufferedReader lines = Files.newBufferedReader(input)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                InputEvent event = InputEvent.of(Rows.JSON.readTree(line));
                w2.accept(event);
                w3.accept(event);
                w4a.accept(event);
                w4b.accept(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Expected(
                Rows.sorted(w2.carts()),
                Rows.sorted(w2.orders()),
                Rows.sorted(w3.rows()),
                w3.late(),
                Rows.sorted(w4a.alerts()),
                Rows.sorted(w4b.abandoned()));
    }
}
