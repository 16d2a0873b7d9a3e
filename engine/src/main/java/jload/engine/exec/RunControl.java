package jload.engine.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one place a run is stopped early (Ctrl-C, a threshold with abortOnFail, the script's
 * {@code exec.test.abort()}). The first reason wins; running scenarios are interrupted at once.
 */
public final class RunControl {
    private volatile StopReason stopReason;
    private volatile String stopDetail;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<ScenarioRun> running = ConcurrentHashMap.newKeySet();
    /** Work outside scenarios that a stop interrupts too (setup()). */
    private final Set<Runnable> interruptible = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.LongAdder completed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder interrupted = new java.util.concurrent.atomic.LongAdder();
    private volatile long startNanos;
    private volatile String failedReason;

    public void stop(StopReason reason, String detail) {
        synchronized (this) {
            if (stopReason != null) return;
            stopDetail = detail;
            stopReason = reason;
        }
        stopped.countDown();
        for (ScenarioRun run : running) run.interruptAll();
        for (Runnable interrupt : interruptible) interrupt.run();
    }

    /** Undoes {@link #interruptOnStop}. */
    interface StopHook extends AutoCloseable {
        @Override
        void close();
    }

    /** While the returned hook is open, a stop calls {@code interrupt} (at once if already stopped). */
    StopHook interruptOnStop(Runnable interrupt) {
        interruptible.add(interrupt);
        if (isStopped()) interrupt.run();
        return () -> interruptible.remove(interrupt);
    }

    public boolean isStopped() {
        return stopReason != null;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    public String stopDetail() {
        return stopDetail;
    }

    /** Sleeps until {@code nanos} pass or the run is stopped; true when stopped. */
    public boolean awaitStop(long nanos) throws InterruptedException {
        return nanos <= 0 ? isStopped() : stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** The test starts now (after VU initialisation): the zero of currentTestRunDuration. */
    void markStarted() {
        startNanos = System.nanoTime();
    }

    /** When the test started (System.nanoTime), 0 before. */
    public long startNanos() {
        return startNanos;
    }

    long millisSinceStart() {
        return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000;
    }

    void countIteration(IterationOutcome outcome) {
        (outcome == IterationOutcome.INTERRUPTED ? interrupted : completed).increment();
    }

    long completedIterations() {
        return completed.sum();
    }

    long interruptedIterations() {
        return interrupted.sum();
    }

    /** The script called exec.test.fail(): the run goes on; the exit code will be 110. */
    void markFailed(String reason) {
        if (failedReason == null) failedReason = reason;
    }

    /** Why the script marked the test failed, or null. */
    public String failedReason() {
        return failedReason;
    }

    void enter(ScenarioRun run) {
        running.add(run);
        if (isStopped()) run.interruptAll();
    }

    void leave(ScenarioRun run) {
        running.remove(run);
    }
}
