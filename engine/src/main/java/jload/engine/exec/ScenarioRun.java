package jload.engine.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import jload.engine.metrics.TagSet;

/**
 * One scenario while it runs: its config, its clock, its VUs at work, its progress counters, and
 * the two ways it ends — a graceful stop (no new iterations; running ones may finish within
 * gracefulStop) and a hard stop (running iterations interrupted).
 */
public final class ScenarioRun {
    private final ScenarioConfig config;
    private final RunContext ctx;
    private final VuPool pool;
    private final String setupData;
    private final TagSet tags;
    private final java.util.Map<String, String> env;
    private volatile long startNanos;
    private volatile boolean gracefulStop;
    private volatile boolean hardStop;
    private final Set<Vu> busy = ConcurrentHashMap.newKeySet();
    private final AtomicLong iterationsStarted = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();

    public ScenarioRun(ScenarioConfig config, RunContext ctx, VuPool pool, String setupData) {
        this.config = config;
        this.ctx = ctx;
        this.pool = pool;
        this.setupData = setupData;
        TagSet t = ctx.globalTags().with(TagSet.of(config.common().tags()));
        this.tags = t.with("scenario", config.name());
        if (config.common().env().isEmpty()) {
            this.env = ctx.env(); // same object: the VU's __ENV (and changes the script made to it) stays
        } else {
            java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(ctx.env());
            merged.putAll(config.common().env());
            this.env = java.util.Map.copyOf(merged);
        }
    }

    /** The run's variables with this scenario's {@code env} laid over them: its VUs' __ENV. */
    java.util.Map<String, String> env() {
        return env;
    }

    public ScenarioConfig config() {
        return config;
    }

    RunContext context() {
        return ctx;
    }

    VuPool pool() {
        return pool;
    }

    String setupData() {
        return setupData;
    }

    TagSet tags() {
        return tags;
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean started() {
        return startNanos != 0;
    }

    long nextIterationInTest() {
        return iterationsStarted.getAndIncrement();
    }

    void count(IterationOutcome outcome) {
        (outcome == IterationOutcome.INTERRUPTED ? interrupted : completed).increment();
        ctx.control().countIteration(outcome);
    }

    public long completedIterations() {
        return completed.sum();
    }

    public long interruptedIterations() {
        return interrupted.sum();
    }

    /** Whether no new iteration may start. */
    boolean stopping() {
        return gracefulStop || hardStop || ctx.control().isStopped();
    }

    /** Runs the scenario to its end on the calling thread. */
    void run() throws InterruptedException {
        ctx.control().enter(this);
        try {
            startNanos = System.nanoTime();
            config.newExecutor().run(this);
        } finally {
            ctx.control().leave(this);
        }
    }

    /** One iteration on {@code vu}, on the calling thread; the VU can be interrupted meanwhile. */
    IterationOutcome iterate(Vu vu, long intendedStartNanos) {
        busy.add(vu);
        try {
            if (hardStop) return IterationOutcome.INTERRUPTED;
            return vu.iterate(this, intendedStartNanos);
        } finally {
            busy.remove(vu);
        }
    }

    /**
     * One iteration of a VU that loops (closed-model executors), then a yield if it never waited:
     * virtual threads are not preempted, so an iteration that never blocks would keep its carrier
     * (for a loop-carried VU, its loop's I/O) from everything else.
     */
    IterationOutcome iterateInLoop(Vu vu) {
        long parks = jload.engine.proto.VuClock.parks();
        IterationOutcome outcome = iterate(vu, 0);
        if (jload.engine.proto.VuClock.parks() == parks) Thread.yield();
        return outcome;
    }

    /** Starts a worker virtual thread that belongs to this scenario (joined by {@link #finish}). */
    Thread startWorker(String name, Runnable body) {
        return startWorker(Thread.ofVirtual().name(name).unstarted(() -> runWorker(body)));
    }

    /** Starts {@code vu}'s worker thread for this scenario, carried by the VU's home event loop. */
    Thread startWorker(Vu vu, Runnable body) {
        jload.engine.proto.IoLoops loops = ctx.protocols().loops();
        return startWorker(jload.engine.proto.VuCarrier.newThread(loops, vu.home(loops),
                "vu-" + vu.id(), () -> runWorker(body)));
    }

    private void runWorker(Runnable body) {
        try {
            body.run();
        } finally {
            workers.remove(Thread.currentThread());
        }
    }

    private Thread startWorker(Thread t) {
        workers.add(t);
        t.start();
        return t;
    }

    /** Waits until {@code deadlineNanos} or until every worker is done, whichever is first. True when all are done. */
    boolean awaitWorkers(long deadlineNanos) throws InterruptedException {
        for (Thread t : new ArrayList<>(workers)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) return workers.isEmpty();
        }
        return workers.isEmpty();
    }

    /**
     * Ends the scenario at {@code endNanos}: waits for workers until then, stops new iterations,
     * gives running ones {@code gracefulStop}, then interrupts what is left and waits for it.
     */
    void finish(long endNanos, Duration grace) throws InterruptedException {
        if (awaitWorkers(endNanos)) return;
        gracefulStop = true;
        if (awaitWorkers(System.nanoTime() + grace.toNanos())) return;
        interruptAll();
        awaitAllWorkers();
    }

    void awaitAllWorkers() throws InterruptedException {
        for (Thread t : new ArrayList<>(workers)) t.join();
    }

    /** Interrupts every running iteration and lets no new one start. */
    void interruptAll() {
        hardStop = true;
        for (Vu vu : List.copyOf(busy)) vu.interrupt();
    }
}
