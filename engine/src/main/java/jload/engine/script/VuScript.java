package jload.engine.script;

/** A script instantiated for one VU. Only one thread calls it at a time. */
public interface VuScript extends AutoCloseable {
    /**
     * Calls an exported function. {@code dataJson} is setup()'s result as JSON (null when there is
     * none); the function's result comes back as JSON (null for undefined).
     *
     * @throws ScriptFailure when the function throws, or the call is interrupted
     */
    String call(String function, String dataJson);

    /**
     * Stops the call in progress, from another thread; the call then throws a
     * {@link ScriptFailure} of kind {@link ScriptFailure.Kind#INTERRUPTED}.
     */
    void interrupt(Thread runner);

    @Override
    void close();
}
