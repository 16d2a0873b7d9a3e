package jload.engine.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import jload.engine.metrics.Metric;
import jload.engine.metrics.SampleListener;
import jload.engine.metrics.TagSet;

/**
 * An output that writes every sample as a line of a file ({@code --out json}, {@code --out csv}). VU threads only
 * enqueue (lock-free); one writer thread formats and writes. The file only ever receives whole lines: records are
 * formatted into memory ({@link #lines()}) and written in batches of complete lines, so whenever the process ends —
 * even halted by a second Ctrl-C — every line in the file parses.
 *
 * <p>A subclass formats one sample in {@link #write}, and calls {@link #startWriting()} at the end of its constructor.
 */
abstract class SampleFile implements SampleListener, AutoCloseable {
    /** One sample, and when it was recorded (epoch nanoseconds, from the monotonic clock). */
    protected record Sample(Metric metric, TagSet tags, double value, long epochNanos) { }

    private static final long NANOS_AT_START = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private static final int BATCH = 1 << 16;

    private final ConcurrentLinkedQueue<Sample> queue = new ConcurrentLinkedQueue<>();
    private final OutputStream file;
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream(BATCH);
    private final String threadName;
    private Thread writer;
    private volatile boolean closing;
    private IOException failure;

    protected SampleFile(Path path, String threadName) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.file = wrap(Files.newOutputStream(path), path);
        this.threadName = threadName;
    }

    /** The stream the lines go to (a subclass may compress it); called from the constructor. */
    protected java.io.OutputStream wrap(OutputStream file, Path path) throws IOException {
        return file;
    }

    /** Where a subclass formats its lines. */
    protected final ByteArrayOutputStream lines() {
        return lines;
    }

    /** Formats one sample into {@link #lines()}, ending with a newline. */
    protected abstract void write(Sample s) throws IOException;

    /** Makes sure what {@link #write} formatted is in {@link #lines()} (a buffering formatter flushes here). */
    protected void flushFormatter() throws IOException { }

    /** Starts the writer thread; what is in {@link #lines()} already (a header) goes to the file first. */
    protected final void startWriting() throws IOException {
        writeLines();
        writer = Thread.ofPlatform().daemon().name(threadName).start(this::drainLoop);
    }

    @Override
    public final void onSample(Metric metric, TagSet tags, double value) {
        queue.add(new Sample(metric, tags, value, NANOS_AT_START + System.nanoTime()));
    }

    private void drainLoop() {
        try {
            while (!closing) {
                if (!drain()) Thread.sleep(50);
            }
            drain();
        } catch (InterruptedException e) {
            drain();
        }
    }

    private boolean drain() {
        boolean any = false;
        Sample s;
        try {
            while ((s = queue.poll()) != null) {
                any = true;
                write(s);
                if (lines.size() >= BATCH) writeLines();
            }
            if (any) writeLines();
        } catch (IOException e) {
            failure = e;
            queue.clear();
        }
        return any;
    }

    /** Moves the formatted records — whole lines only — to the file. */
    private void writeLines() throws IOException {
        flushFormatter();
        lines.writeTo(file);
        lines.reset();
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        if (writer != null) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        file.close();
        if (failure != null) throw failure;
    }
}
