package jload;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** What one virtual user sees of the engine while it runs a scenario. */
public interface VuContext {
    /** This VU's number, from 1; 0 in setup and teardown (k6's {@code __VU}). */
    int vu();

    /** This VU's iteration number in the current scenario, from 0 (k6's {@code __ITER}). */
    long iteration();

    /** The variables given with {@code -e K=V} (and the system's, when allowed). */
    Map<String, String> env();

    /** Records one check as passed or failed and returns {@code passed}. */
    boolean check(String name, boolean passed, Map<String, String> tags);

    /** Runs {@code body} inside the named group (tags its samples, times it as group_duration). */
    <T> T group(String name, Supplier<T> body);

    /** Pauses this VU; returns early only when the run is stopping. */
    void sleep(Duration duration);

    Metrics metrics();

    /** This VU's WebSockets. */
    WebSockets ws();

    /** This VU's Socket.IO clients. */
    SocketIos socketio();

    /** Reads the target's own metrics endpoint. */
    TargetMetrics targetMetrics();

    /** Redis clients. */
    Redis redis();

    /** This VU's HTTP client ({@code k6/http}). */
    Http http();

    /** MongoDB clients. */
    Mongo mongo();

    Execution execution();
}
