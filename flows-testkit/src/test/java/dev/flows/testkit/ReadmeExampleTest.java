package dev.flows.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's FlowTestDriver example, as written there but for where examples/ is found. */
class ReadmeExampleTest {

    /** The repository's examples directory, found from the module directory Maven runs tests in. */
    private static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/shop"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "examples/shop not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples");
    }

    @Test
    void shouldRunTheReadmeExample() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(examples().resolve("shop/route-shop.yaml"))) {
            driver.pipeJson("""
                    {"specversion":"1.0","id":"o-1","source":"/shop/web","type":"shop.order.placed",
                     "subject":"u1","data":{"user":"u1","order":"o1","amount":620.0}}""");
            driver.advanceTime(Duration.ofSeconds(30)); // processing time: an idle input stops holding event time back
            driver.endOfInput(); // closes every window, decides every absence
            assertThat(driver.output("orders")).extracting(Event::id).containsExactly("o-1");
            assertThat(driver.deadLetters()).isEmpty();
        }
    }
}
