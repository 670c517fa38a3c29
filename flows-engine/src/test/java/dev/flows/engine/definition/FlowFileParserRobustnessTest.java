package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.expression.CelCompiler;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mangles a valid flow file at random and checks that parsing and validation never throw and always locate
 * their problems in the file. Prints its seed; rerun a failure with {@code -Dflows.seed=<seed>}, and run longer
 * with {@code -Dflows.rounds=<rounds>}.
 */
class FlowFileParserRobustnessTest {

    private static final int ROUNDS = Integer.getInteger("flows.rounds", 200);
    private static final String ALPHABET = " \n\t-:{}[],'\"#&*!|>%@`?abcdefxyz0123456789.";

    @ParameterizedTest
    @ValueSource(strings = {"shop.yaml", "checkout.yaml"})
    void shouldNeverThrowOnMangledFiles(String name) throws URISyntaxException {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("FlowFileParserRobustnessTest " + name + " seed: " + seed);
        Random random = new Random(seed);
        String original = FlowFileParserTest.resource("full/" + name);
        FlowFileParser parser = new FlowFileParser(Map.of("TOKEN", "t"));
        // Lookup files are read too, from the file's own directory, so that mangled paths and keys reach them.
        Path directory = Path.of(FlowFileParserRobustnessTest.class
                        .getResource("/definition/full/" + name)
                        .toURI())
                .getParent();
        FlowValidator validator = new FlowValidator(new CelCompiler(), directory);
        for (int round = 0; round < ROUNDS; round++) {
            String mangled = mangle(original, random);
            FlowFile file = parser.parse(name, mangled);
            List<ChannelDefinition> channels = new ArrayList<>(file.channels());
            List<Problem> problems = new ArrayList<>(file.problems());
            problems.addAll(validator.validate(new FlowSet(channels, file.flows()), file.references()));
            assertThat(problems)
                    .as("seed %d, round %d, file:%n%s", seed, round, mangled)
                    .allSatisfy(problem -> {
                        assertThat(problem.where().file()).isEqualTo(name);
                        assertThat(problem.where().line()).isPositive();
                        assertThat(problem.message()).isNotBlank();
                    });
        }
    }

    private static String mangle(String text, Random random) {
        StringBuilder mangled = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(mangled.length());
            switch (random.nextInt(3)) {
                case 0 -> mangled.deleteCharAt(at);
                case 1 -> mangled.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> mangled.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return mangled.toString();
    }
}
