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

    public void stop(StopReason reason, String detail) {
        synchronized (this) {
            if (stopReason != null) return;
            stopDetail = detail;
            stopReason = reason;
        }
        stopped.countDown();
        for (ScenarioRun run : running) run.interruptAll();
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

    void enter(ScenarioRun run) {
        running.add(run);
        if (isStopped()) run.interruptAll();
    }

    void leave(ScenarioRun run) {
        running.remove(run);
    }
}
