package jload.engine.exec;

import java.util.List;
import java.util.function.BooleanSupplier;

/** The shared shape of closed-model executors: a set of VUs, each looping while it may. */
final class LoopingVus {
    private LoopingVus() {}

    /**
     * Starts one worker per VU; each runs iterations while the scenario is not stopping and
     * {@code mayIterate} (asked before every iteration, on the VU's thread) says yes.
     */
    static void start(ScenarioRun run, List<Vu> vus, java.util.function.Function<Vu, BooleanSupplier> mayIterate) {
        for (Vu vu : vus) {
            BooleanSupplier more = mayIterate.apply(vu);
            run.startWorker("vu-" + vu.id(), () -> {
                while (!run.stopping() && more.getAsBoolean()) run.iterate(vu, 0);
            });
        }
    }
}
