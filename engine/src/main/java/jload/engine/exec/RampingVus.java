package jload.engine.exec;

import java.time.Duration;
import java.util.List;

/**
 * k6's ramping-vus: the number of looping VUs follows the stages. A VU above the target finishes
 * its iteration (within gracefulRampDown, else it is interrupted) and leaves.
 */
final class RampingVus implements Executor {
    private static final long TICK_NANOS = 10_000_000;

    private final RampingVusConfig config;

    RampingVus(RampingVusConfig config) {
        this.config = config;
    }

    /** One VU position: index i is occupied while the target is above i. */
    private static final class Slot {
        volatile boolean keep = true;
        long rampDownDeadline;
        Vu vu;
        Thread worker;

        boolean running() {
            return worker != null && worker.isAlive();
        }
    }

    @Override
    public void run(ScenarioRun run) throws InterruptedException {
        Slot[] slots = new Slot[config.maxVus()];
        long start = run.startNanos();
        long end = start + config.maxDuration().toNanos();
        long rampDown = config.gracefulRampDown().toNanos();
        while (!run.stopping()) {
            long now = System.nanoTime();
            if (now >= end) break;
            long target = config.targetAt(Duration.ofNanos(now - start));
            for (int i = 0; i < slots.length; i++) {
                Slot slot = slots[i];
                if (i < target) {
                    if (slot == null || !slot.running()) {
                        slots[i] = startSlot(run, end);
                    } else {
                        slot.keep = true;
                    }
                } else if (slot != null && slot.running()) {
                    if (slot.keep) {
                        slot.keep = false;
                        slot.rampDownDeadline = now + rampDown;
                    } else if (now - slot.rampDownDeadline > 0) {
                        slot.vu.interrupt();
                    }
                }
            }
            if (run.context().control().awaitStop(TICK_NANOS)) break;
        }
        run.finish(end, config.common().gracefulStop());
    }

    private static Slot startSlot(ScenarioRun run, long end) {
        Slot slot = new Slot();
        slot.vu = run.pool().acquire(1, true).getFirst();
        slot.worker = run.startWorker(slot.vu, () -> {
            try {
                while (!run.stopping() && slot.keep && System.nanoTime() - end < 0) {
                    run.iterateInLoop(slot.vu);
                }
            } finally {
                run.pool().release(List.of(slot.vu), true);
            }
        });
        return slot;
    }
}
