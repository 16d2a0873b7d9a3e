package jload.engine.proto;

/** How a client's failure is told to a user: the root cause's message, without the transport's own jargon. */
public final class Failures {
    private Failures() {}

    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage();
        // Netty's native transport prefixes the OS error with the call that failed: not for users.
        return msg == null ? root.getClass().getSimpleName() : msg.replaceFirst("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
    }
}
