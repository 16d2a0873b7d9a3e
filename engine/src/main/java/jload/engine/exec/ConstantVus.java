package jload.engine.exec;

import java.util.List;

/** k6's constant-vus: {@code vus} VUs loop until {@code duration} is over, then get gracefulStop to finish. */
final class ConstantVus implements Executor {
    private final ConstantVusConfig config;

    ConstantVus(ConstantVusConfig config) {
        this.config = config;
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        long end = run.startNanos() + config.duration().toNanos();
        List<Vu> vus = run.pool().acquire(config.vus(), true);
        try {
            LoopingVus.start(run, vus, end, vu -> () -> true);
            run.finish(end, config.common().gracefulStop());
        } finally {
            run.pool().release(vus, true);
        }
    }
}
