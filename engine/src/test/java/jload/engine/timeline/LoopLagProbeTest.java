package jload.engine.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An event loop kept busy is a stall of its VUs, reported once, with how long they waited. */
class LoopLagProbeTest {
    @Test
    void aLoopBusyFor80MsIsOneStallOfAboutThatLong() throws Exception {
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
        List<Stall> stalls = new CopyOnWriteArrayList<>();
        try (LoopLagProbe probe = new LoopLagProbe(loops, stalls::add)) {
            Thread.sleep(100); // the probe's ticks run on time: nothing to report
            stalls.clear();
            loops.next().submit(() -> { // a script computing on its loop
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(80);
                while (System.nanoTime() < until) Thread.onSpinWait();
            }).get();
            Thread.sleep(150);
            List<Stall> loopStalls = stalls.stream().filter(s -> s.kind().equals("loop")).toList();
            assertEquals(1, loopStalls.size(), "one stall, not one per missed tick: " + stalls);
            long ms = loopStalls.getFirst().durationMillis();
            assertTrue(ms >= 50 && ms <= 200, "about the 80 ms the loop was busy (less the tick it was due in): " + ms);
            assertTrue(loopStalls.getFirst().detail().contains("its VUs and sockets waited"), loopStalls.getFirst().detail());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
