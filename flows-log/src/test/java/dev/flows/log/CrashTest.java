package dev.flows.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real appending process with SIGKILL and checks that every acknowledged record survived. This
 * proves durability against process death only: the page cache outlives the process (power loss needs a
 * simulated disk, a later suite).
 */
class CrashTest {

    private static final int ACKS_BEFORE_KILL = 300;
    private static final int CHILD_APPENDS = 200_000;
    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenTheProcessIsKilled() throws Exception {
        List<String> acks = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            acks.addAll(appendUntilKilled(round));
        }

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(
                    new ChannelDefinition(CrashingAppender.CHANNEL, CrashingAppender.PARTITIONS, SourceLocation.JAVA));
            System.out.println("crash test: " + acks.size() + " acknowledged over " + ROUNDS + " kills, ends "
                    + channel.endOffset(0) + "/" + channel.endOffset(1) + ", recovery " + log.recoveryEvents());
            for (String ack : acks) {
                String[] fields = ack.split(" ");
                assertThat(fields[0]).isEqualTo("ack");
                int partition = Integer.parseInt(fields[1]);
                long offset = Long.parseLong(fields[2]);
                List<ChannelRecord> read = channel.read(partition, offset, 1);
                assertThat(read).as("acknowledged %s", ack).hasSize(1);
                assertThat(read.getFirst().offset()).isEqualTo(offset);
                assertThat(Appends.valueOf(read.getFirst()))
                        .as("acknowledged %s", ack)
                        .isEqualTo(fields[3]);
            }
        }
    }

    /** Runs the child on the log until it has acknowledged enough, kills it, and returns its acks. */
    private List<String> appendUntilKilled(int round) throws Exception {
        Process child = new ProcessBuilder(
                        javaCommand(),
                        "-cp",
                        classPath(),
                        CrashingAppender.class.getName(),
                        directory.toString(),
                        Integer.toString(CHILD_APPENDS),
                        Integer.toString(round))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> acks = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && acks.size() < ACKS_BEFORE_KILL; line = out.readLine()) {
                acks.add(line);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(acks).hasSize(ACKS_BEFORE_KILL);
        return acks;
    }

    private static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }
}
