package jload.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import jload.engine.script.ScriptFailure;

/**
 * Every initialised VU of the run. Scenarios borrow VUs and give them back; a VU is with at most
 * one scenario at a time. VUs are initialised (their script's init code run) before the test
 * starts, in parallel on the available cores; arrival-rate executors may add more during it.
 */
public final class VuPool implements AutoCloseable {
    private final IntFunction<Vu> factory;
    private final ConcurrentLinkedDeque<Vu> idle = new ConcurrentLinkedDeque<>();
    private final List<Vu> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger active = new AtomicInteger();
    private final java.util.function.IntConsumer onVusStarted;
    private volatile java.util.function.BooleanSupplier cancelled = () -> false;

    /** Initialisation stops (with an INTERRUPTED failure) once this says so, e.g. after Ctrl-C. */
    void cancelWhen(java.util.function.BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    /**
     * @param factory      makes VU number n (runs its init code; throws {@link ScriptFailure} on failure)
     * @param onVusStarted told the active count whenever looping VUs start, so a short run's
     *                     {@code vus} is known even before the first once-a-second sample
     */
    public VuPool(IntFunction<Vu> factory, java.util.function.IntConsumer onVusStarted) {
        this.factory = factory;
        this.onVusStarted = onVusStarted;
    }

    /** Initialises {@code count} VUs, in parallel; the first init failure is thrown. */
    public void initialize(int count) {
        int threads = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("vu-init-", 0).factory())) {
            List<Future<Vu>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) futures.add(pool.submit(this::newVu));
            for (Future<Vu> f : futures) {
                try {
                    idle.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while initialising VUs", e);
                }
            }
        }
    }

    private Vu newVu() {
        if (cancelled.getAsBoolean()) throw new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "initialisation stopped", null);
        Vu vu = factory.apply(nextId.getAndIncrement());
        all.add(vu);
        return vu;
    }

    /**
     * Takes {@code count} VUs, initialising more when the idle ones do not suffice. Looping
     * executors count them as active at once; arrival-rate executors only while an iteration runs.
     */
    List<Vu> acquire(int count, boolean countAsActive) {
        List<Vu> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Vu vu = idle.pollFirst();
            taken.add(vu != null ? vu : newVu());
        }
        if (countAsActive) onVusStarted.accept(active.addAndGet(count));
        return taken;
    }

    /** A newly initialised VU, for an arrival-rate executor that has run out of them. */
    Vu grow() {
        return newVu();
    }

    void release(List<Vu> vus, boolean countedAsActive) {
        for (Vu vu : vus) idle.addFirst(vu);
        if (countedAsActive) active.addAndGet(-vus.size());
    }

    void busy(int delta) {
        active.addAndGet(delta);
    }

    /** VUs running iterations (or looping) now: k6's {@code vus}. */
    public int active() {
        return active.get();
    }

    public int initialized() {
        return all.size();
    }

    /** Every VU's open sockets closed, in parallel; after the last scenario, before the summary. */
    void closeSockets() {
        List<Vu> vus;
        synchronized (all) {
            vus = new ArrayList<>(all);
        }
        try (var closing = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Vu vu : vus) closing.submit(vu::closeSockets);
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            for (Vu vu : all) vu.close();
        }
    }
}
