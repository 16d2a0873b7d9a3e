package jload.engine.exec;

/** k6's constant-arrival-rate: {@code rate} iterations per {@code timeUnit} for {@code duration}. */
final class ConstantArrivalRate implements Executor {
    private final ConstantArrivalRateConfig config;

    ConstantArrivalRate(ConstantArrivalRateConfig config) {
        this.config = config;
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        ArrivalRate.run(run, ArrivalSchedule.constant(config.rate(), config.timeUnit(), config.duration()),
                config.duration(), config.preAllocatedVus(), config.maxVus());
    }
}
