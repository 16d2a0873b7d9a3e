package jload.engine.cli;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether this process may open a socket for every VU. Linux counts sockets as open files; past the
 * limit ({@code ulimit -n}) every connect fails with "Too many open files", and the run fills with
 * errors that say nothing about the target. So the user hears it before the test, with the numbers.
 */
final class OpenFileLimit {
    /** Files the JVM and jload hold whatever the VUs do (jars, epoll and event fds, outputs), with room to spare. */
    static final int OWN_FILES = 200;

    private OpenFileLimit() {}

    /** The warning for a test of {@code vus} VUs, each with a socket, under a limit of {@code limit} files; null if it fits. */
    static String warning(int vus, long limit) {
        if (limit <= 0 || (long) vus + OWN_FILES <= limit) return null;
        return "this test runs up to " + vus + " VUs and this process may open at most " + limit
                + " files (ulimit -n), sockets included: with a socket per VU, connects will fail with "
                + "'Too many open files' once about " + Math.max(0, limit - OWN_FILES)
                + " are open. Raise the limit (ulimit -n) or run fewer VUs";
    }

    /** This process's limit on open files, or -1 where the JVM cannot tell. */
    static long ofThisProcess() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : -1;
    }
}
