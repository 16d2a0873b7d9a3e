package jload.engine.exec;

import java.util.List;

/** k6's per-vu-iterations: each of {@code vus} VUs runs exactly {@code iterations} iterations. */
final class PerVuIterations implements Executor {
    private final PerVuIterationsConfig config;

    PerVuIterations(PerVuIterationsConfig config) {
        this.config = config;
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        long end = run.startNanos() + config.maxDuration().toNanos();
        List<Vu> vus = run.pool().acquire(config.vus(), true);
        try {
            LoopingVus.start(run, vus, end, vu -> {
                long[] done = {0};
                return () -> done[0]++ < config.iterations();
            });
            run.finish(end, config.common().gracefulStop());
        } finally {
            run.pool().release(vus, true);
        }
    }
}
