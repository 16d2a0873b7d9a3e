package jload.engine.exec;

import java.util.List;
import java.util.function.BooleanSupplier;

/** The shared shape of closed-model executors: a set of VUs, each looping while it may. */
final class LoopingVus {
    private LoopingVus() {}

    /**
     * Starts one worker per VU; each runs iterations until {@code endNanos}, while the scenario
     * is not stopping and {@code mayIterate} (asked before every iteration, on the VU's thread)
     * says yes. A VU checks the end time itself, so it stops on time even when its controller
     * is slow to be scheduled.
     */
    static void start(ScenarioRun run, List<Vu> vus, long endNanos,
                      java.util.function.Function<Vu, BooleanSupplier> mayIterate) {
        for (Vu vu : vus) {
            BooleanSupplier more = mayIterate.apply(vu);
            run.startWorker(vu, () -> {
                while (!run.stopping() && System.nanoTime() - endNanos < 0 && more.getAsBoolean()) {
                    run.iterateInLoop(vu);
                }
            });
        }
    }
}
