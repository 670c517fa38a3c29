package dev.flows.log;

import java.nio.file.Path;

/** How the crash tests start a child JVM running one of their main classes on the test class path. */
public final class ChildJvm {

    private ChildJvm() {}

    /** The java executable running this test. */
    public static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test class path, as surefire gives it to forked tests. */
    public static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }
}
