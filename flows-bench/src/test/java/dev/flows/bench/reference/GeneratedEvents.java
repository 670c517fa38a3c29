package dev.flows.bench.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Benchmark inputs made by the team's generator, {@code shared/bench/GenEvents.java}, run as a child JVM
 * ({@code java GenEvents.java N SEED > file}) exactly as the benchmark instructions run it. The generator is
 * found from {@code -Dflows.bench.genevents=PATH}, else in a {@code shared/bench} folder beside an ancestor
 * of the working directory; without it the test is skipped (aborted), saying so. Stateless.
 */
public final class GeneratedEvents {

    private static final String PROPERTY = "flows.bench.genevents";
    private static final Path RELATIVE = Path.of("shared", "bench", "GenEvents.java");

    private GeneratedEvents() {}

    /** Writes {@code events} events of {@code seed} to {@code file}, printing the seed. */
    public static Path write(Path file, int events, long seed) throws IOException, InterruptedException {
        Path generator = generator();
        System.out.printf("GenEvents: %,d events, seed %d -> %s%n", events, seed, file);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path errors = Files.createTempFile(file.getParent(), "genevents-", ".err");
        Process process = new ProcessBuilder(
                        java.toString(), generator.toString(), Integer.toString(events), Long.toString(seed))
                .redirectOutput(file.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("GenEvents " + events + " " + seed + " did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("GenEvents " + events + " " + seed + " exited with " + process.exitValue()
                    + ": " + Files.readString(errors));
        }
        return file;
    }

    private static Path generator() {
        Optional<Path> found =
                Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).or(GeneratedEvents::besideAnAncestor);
        Assumptions.assumeTrue(
                found.filter(Files::isRegularFile).isPresent(),
                "the benchmark generator shared/bench/GenEvents.java was not found beside any parent of "
                        + Path.of("").toAbsolutePath() + "; give its path with -D" + PROPERTY + "=PATH");
        return found.orElseThrow();
    }

    private static Optional<Path> besideAnAncestor() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RELATIVE))) {
                return Optional.of(dir.resolve(RELATIVE));
            }
        }
        return Optional.empty();
    }
}
