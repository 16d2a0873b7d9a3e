package jload.engine.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** k6's shared-iterations: {@code vus} VUs take iterations from one shared count until none is left. */
final class SharedIterations implements Executor {
    private final SharedIterationsConfig config;

    SharedIterations(SharedIterationsConfig config) {
        this.config = config;
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        AtomicLong left = new AtomicLong(config.iterations());
        long end = run.startNanos() + config.maxDuration().toNanos();
        List<Vu> vus = run.pool().acquire(config.vus(), true);
        try {
            LoopingVus.start(run, vus, end, vu -> () -> left.getAndDecrement() > 0);
            run.finish(end, config.common().gracefulStop());
        } finally {
            run.pool().release(vus, true);
        }
    }
}
