package jload.engine.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** VU threads carried by their home event loop, and their timed waits on that loop's timer. */
class VuCarrierTest {
    private final IoLoops loops = new IoLoops();

    @AfterEach
    void close() {
        loops.close();
    }

    private <T> T onVuThread(EventLoop home, java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = VuCarrier.newThread(loops, home, "vu-test", () -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aVuThreadRunsOnItsHomeLoop() throws Exception {
        // bin/jload and the test JVM pass --add-opens java.base/java.lang=ALL-UNNAMED for this
        assertTrue(VuCarrier.available(), "VU threads fell back to the JDK's scheduler");
        EventLoop home = loops.next();
        String carrierName = home.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        String seen = onVuThread(home, () -> {
            Thread.sleep(1); // unmount and mount again: still on the same loop
            return Thread.currentThread().isVirtual() + " " + Thread.currentThread();
        });
        assertTrue(seen.startsWith("true "), seen);
        assertTrue(seen.endsWith("@" + carrierName), seen + " is not carried by " + carrierName);
        assertEquals(home, onVuThread(home, VuClock::home));
    }

    @Test
    void sleepWaitsOnTheLoopTimerAndCountsAsAWait() throws Exception {
        long[] result = onVuThread(loops.next(), () -> {
            long parks = VuClock.parks();
            long start = System.nanoTime();
            VuClock.sleep(TimeUnit.MILLISECONDS.toNanos(200));
            return new long[] {System.nanoTime() - start, VuClock.parks() - parks};
        });
        assertTrue(result[0] >= TimeUnit.MILLISECONDS.toNanos(200), "woke early: " + result[0] + " ns");
        assertTrue(result[0] < TimeUnit.SECONDS.toNanos(5), "woke late: " + result[0] + " ns");
        assertTrue(result[1] >= 1, "the sleep was not counted as a wait");
    }

    @Test
    void aMessageWakesAWaitingVuBeforeItsDeadline() throws Exception {
        Mailbox mailbox = new Mailbox();
        EventLoop home = loops.next();
        home.schedule(() -> mailbox.post("hello"), 100, TimeUnit.MILLISECONDS);
        Object[] got = onVuThread(home, () -> {
            long start = System.nanoTime();
            Object e = mailbox.take(start + TimeUnit.SECONDS.toNanos(20));
            return new Object[] {e, System.nanoTime() - start};
        });
        assertEquals("hello", got[0]);
        assertTrue((long) got[1] < TimeUnit.SECONDS.toNanos(10), "waited for the deadline instead of the message");
    }

    @Test
    void timeoutsOfWaitsEndOnTheCoarseSweepAndCanBeReused() throws Exception {
        Mailbox mailbox = new Mailbox();
        EventLoop home = loops.next();
        home.schedule(() -> mailbox.post("early"), 50, TimeUnit.MILLISECONDS);
        Object[] got = onVuThread(home, () -> {
            Object first = mailbox.take(System.nanoTime() + TimeUnit.SECONDS.toNanos(20), false);
            long start = System.nanoTime();
            Object second = mailbox.take(start + TimeUnit.MILLISECONDS.toNanos(300), false);
            long waited = System.nanoTime() - start;
            Object third = mailbox.take(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150), false);
            return new Object[] {first, second, waited, third};
        });
        assertEquals("early", got[0]);
        assertEquals(null, got[1], "nothing was posted: the wait must time out");
        long waited = (long) got[2];
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(300), "timed out early: " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "timed out late: " + waited + " ns");
        assertEquals(null, got[3]);
    }

    @Test
    void anInterruptEndsASleepAtOnce() throws Exception {
        AtomicReference<Thread> vu = new AtomicReference<>();
        CompletableFuture<Long> slept = new CompletableFuture<>();
        Thread t = VuCarrier.newThread(loops, loops.next(), "vu-test", () -> {
            vu.set(Thread.currentThread());
            long start = System.nanoTime();
            try {
                VuClock.sleep(TimeUnit.SECONDS.toNanos(60));
                slept.completeExceptionally(new AssertionError("not interrupted"));
            } catch (InterruptedException e) {
                slept.complete(System.nanoTime() - start);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        assertTrue(slept.get(20, TimeUnit.SECONDS) < TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void aVuThreadThatOutlivesItsLoopFinishesOnASpareCarrierInsteadOfFailingWhoeverWokeIt() throws Exception {
        // As a VU thread blocked on a socket whose loop is shut down when the run ends: the wake-up must not throw in
        // the waker (for a socket, the JDK's poller thread: its death would stop every later blocking socket).
        IoLoops own = new IoLoops();
        EventLoop home = own.next();
        CompletableFuture<String> finished = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch parked = new java.util.concurrent.CountDownLatch(1);
        Thread vu = VuCarrier.newThread(own, home, "vu-outliving", () -> {
            parked.countDown();
            java.util.concurrent.locks.LockSupport.park();
            finished.complete(Thread.currentThread().toString());
        });
        vu.start();
        assertTrue(parked.await(10, TimeUnit.SECONDS));
        Thread.sleep(50); // parked by now
        own.close();
        assertTrue(home.isTerminated());
        java.util.concurrent.locks.LockSupport.unpark(vu); // threw RejectedExecutionException here before
        String where = finished.get(10, TimeUnit.SECONDS);
        assertTrue(where.contains("jload-vu-spare-carrier"), where);
    }
}
