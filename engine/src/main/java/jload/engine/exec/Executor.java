package jload.engine.exec;

/** Runs one scenario from its start to its end (graceful stop included) on the calling thread. */
public interface Executor {
    void run(ScenarioRun run) throws InterruptedException;
}
