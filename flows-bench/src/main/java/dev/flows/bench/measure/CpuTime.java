package dev.flows.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * CPU time consumed, of the calling thread and of the whole process (JIT compiler and collector included),
 * for figures that hold on a busy machine where wall-clock time also counts other processes. Stateless.
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /** CPU nanoseconds the calling thread has used, or -1 where the JVM does not measure it. */
    public static long threadNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** CPU nanoseconds the process has used, or -1 where the JVM does not tell. */
    public static long processNanos() {
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        return system instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
