package jload.engine.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The open model shared by constant- and ramping-arrival-rate: iterations start on schedule,
 * whatever the target does. An iteration due while every VU is busy is started on a new VU while
 * maxVUs allows; otherwise it is dropped and counted in dropped_iterations. Each iteration is also
 * timed from when it was due (iteration_duration_from_intended), so a slow target cannot hide
 * behind the tester's own backlog (coordinated omission).
 */
final class ArrivalRate {
    private ArrivalRate() {}

    static void run(ScenarioRun run, ArrivalSchedule schedule, Duration duration, int preAllocated, int maxVus)
            throws InterruptedException {
        VuPool pool = run.pool();
        List<Vu> owned = new ArrayList<>(pool.acquire(preAllocated, false));
        ConcurrentLinkedQueue<Vu> idle = new ConcurrentLinkedQueue<>(owned);
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
                if (vu == null && owned.size() < maxVus) {
                    vu = pool.grow();
                    owned.add(vu);
                }
                if (vu == null) {
                    run.context().registry().add(run.context().builtins().droppedIterations, run.tags(), 1);
                    continue;
                }
                Vu chosen = vu;
                long intended = due;
                pool.busy(1);
                run.startWorker("vu-" + vu.id(), () -> {
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
            pool.release(owned, false);
        }
    }
}
