package jload.engine.script.js;

import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * Starts the shared GraalJS engine, and its first JavaScript realm, on a background thread the
 * moment jload starts, so that this ~1 s of start-up (measured: engine 0.5 s, first realm 0.6–1 s;
 * every later context ≈ 17 ms) overlaps the JVM loading and parsing the command line instead of
 * following it. The first {@link JsRuntime} takes the warmed engine; later ones build their own.
 */
public final class EngineWarmup {
    private static volatile CompletableFuture<Engine> warming;

    private EngineWarmup() {}

    /** Begins warming up, once. Cheap to call; returns at once. */
    public static synchronized void start() {
        if (warming != null) return;
        CompletableFuture<Engine> f = new CompletableFuture<>();
        warming = f;
        Thread.ofPlatform().daemon().name("jload-engine-warmup").start(() -> {
            try {
                Engine engine = JsRuntime.newEngine();
                // Same options as a VU's context, so the realm's built-in code is shared with them.
                try (Context realm = JsRuntime.contextBuilder(engine).build()) {
                    realm.eval("js", "0");
                }
                f.complete(engine);
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
    }

    /** The warmed engine if warming was started and not yet taken (waiting for it), else a new one. */
    static Engine takeOrCreate() {
        CompletableFuture<Engine> f;
        synchronized (EngineWarmup.class) {
            f = warming;
            warming = null;
        }
        if (f != null) {
            try {
                return f.join();
            } catch (RuntimeException e) {
                // Fall through: building the engine here reports the same problem in context.
            }
        }
        return JsRuntime.newEngine();
    }
}
