package jload.engine.exec;

/** k6's ramping-arrival-rate: the iteration rate moves linearly through stages. */
final class RampingArrivalRate implements Executor {
    private final RampingArrivalRateConfig config;

    RampingArrivalRate(RampingArrivalRateConfig config) {
        this.config = config;
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        ArrivalRate.run(run, ArrivalSchedule.ramping(config.startRate(), config.timeUnit(), config.stages()),
                config.maxDuration(), config.preAllocatedVus(), config.maxVus());
    }
}
