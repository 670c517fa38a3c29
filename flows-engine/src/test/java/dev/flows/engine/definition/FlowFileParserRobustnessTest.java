package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.expression.CelCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mangles a valid flow file at random and checks that parsing and validation never throw and always locate
 * their problems in the file. Prints its seed; rerun a failure with {@code -Dflows.seed=<seed>}.
 */
class FlowFileParserRobustnessTest {

    private static final String ALPHABET = " \n\t-:{}[],'\"#&*!|>%@`?abcdefxyz0123456789.";

    @Test
    void shouldNeverThrowOnMangledFiles() {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("FlowFileParserRobustnessTest seed: " + seed);
        Random random = new Random(seed);
        String original = FlowFileParserTest.resource("full/shop.yaml");
        FlowFileParser parser = new FlowFileParser(Map.of("TOKEN", "t"));
        FlowValidator validator = new FlowValidator(new CelCompiler());
        for (int round = 0; round < 200; round++) {
            String mangled = mangle(original, random);
            FlowFile file = parser.parse("shop.yaml", mangled);
            List<ChannelDefinition> channels = new ArrayList<>(file.channels());
            List<Problem> problems = new ArrayList<>(file.problems());
            problems.addAll(validator.validate(new FlowSet(channels, file.flows()), file.references()));
            assertThat(problems)
                    .as("seed %d, round %d, file:%n%s", seed, round, mangled)
                    .allSatisfy(problem -> {
                        assertThat(problem.where().file()).isEqualTo("shop.yaml");
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
