package jload.engine.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The open model shared by constant- and ramping-arrival-rate: iterations start on schedule,
 * whatever the target does. An iteration due while every VU is busy is dropped and counted in
 * dropped_iterations; if maxVUs allows, a new VU is initialised in the background for the
 * iterations after it (k6's way: the schedule never waits for a VU's init code). Each iteration
 * is also timed from when it was due (iteration_duration_from_intended), so a slow target cannot
 * hide behind the tester's own backlog (coordinated omission).
 */
final class ArrivalRate {
    private ArrivalRate() {}

    static void run(ScenarioRun run, ArrivalSchedule schedule, Duration duration, int preAllocated, int maxVus)
            throws InterruptedException {
        VuPool pool = run.pool();
        List<Vu> owned = java.util.Collections.synchronizedList(new ArrayList<>(pool.acquire(preAllocated, false)));
        ConcurrentLinkedQueue<Vu> idle = new ConcurrentLinkedQueue<>(owned);
        java.util.concurrent.atomic.AtomicInteger planned = new java.util.concurrent.atomic.AtomicInteger(owned.size());
        RunControl control = run.context().control();
        long start = run.startNanos();
        long end = start + duration.toNanos();
        try {
            for (long k = 0; !run.stopping(); k++) {
                long offset = schedule.offsetOf(k);
                if (offset < 0) break;
                long due = start + offset;
                if (due - end >= 0) break;
                if (control.awaitStop(due - System.nanoTime())) break;
                Vu vu = idle.poll();
                if (vu == null) {
                    if (planned.get() < maxVus) {
                        planned.incrementAndGet();
                        run.startWorker("vu-init", () -> initializeInBackground(run, owned, idle, planned));
                    }
                    run.context().registry().add(run.context().builtins().droppedIterations, run.tags(), 1);
                    continue;
                }
                Vu chosen = vu;
                long intended = due;
                pool.busy(1);
                run.startWorker(vu, () -> {
                    try {
                        run.iterate(chosen, intended);
                    } finally {
                        pool.busy(-1);
                        idle.add(chosen);
                    }
                });
            }
            run.finish(end, run.config().common().gracefulStop());
        } finally {
            synchronized (owned) {
                pool.release(owned, false);
            }
        }
    }

    private static void initializeInBackground(ScenarioRun run, List<Vu> owned, ConcurrentLinkedQueue<Vu> idle,
                                               java.util.concurrent.atomic.AtomicInteger planned) {
        try {
            Vu vu = run.pool().grow();
            owned.add(vu);
            idle.add(vu);
        } catch (jload.engine.script.ScriptFailure f) {
            planned.decrementAndGet();
            if (f.kind() != jload.engine.script.ScriptFailure.Kind.INTERRUPTED) { // not when the run is being stopped
                run.context().errors().record(f.location(), "initialising a VU failed: " + f.getMessage(), run.config().name());
            }
        }
    }
}
