package jload.engine.proto.mongo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import jload.engine.exec.VuInterrupted;

/**
 * Runs the MongoDB driver's blocking calls on virtual threads of the JDK's own scheduler, the VU waiting for the result.
 * The driver's socket I/O, run straight on a VU (a virtual thread carried by one of jload's event loops), hung as soon as
 * a write had to wait for the socket (insertMany of 1,500 small documents hung; 10 went through); on the JDK's
 * scheduler the same calls work, and the event loops are never inside the driver.
 */
final class DriverCalls {
    private static final ExecutorService THREADS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jload-mongo-", 0).factory());

    private DriverCalls() {}

    /** {@code call}'s result; its exception as thrown. */
    static <T> T run(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, THREADS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
