package jload.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the DevTools protocol (its WebSocket, with the JDK's client): open a page, wait for
 * it, evaluate JavaScript in it, take a screenshot, and collect every console error and uncaught exception. Found on
 * the PATH ({@code chromium}, {@code chromium-browser}, {@code google-chrome}) or at {@code CHROMIUM}; none is
 * {@link #find()} returning null, so a test can say so and skip.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The browser's executable, or null when this machine has none. */
    static Path find() {
        String given = System.getenv("CHROMIUM");
        if (given != null && Files.isExecutable(Path.of(given))) return Path.of(given);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    static HeadlessChromium start(Path executable, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("jload-chromium-");
        Process p = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("browser.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium did not start:\n" + Files.readString(profile.resolve("browser.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) pageSocket = t.path("webSocketDebuggerUrl").asText();
        }
        if (pageSocket == null) throw new IllegalStateException("Chromium has no page to drive: " + targets);
        return new HeadlessChromium(p, profile, http, URI.create(pageSocket), width, height);
    }

    private HeadlessChromium(Process process, Path profile, HttpClient http, URI page, int width, int height) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = http.newWebSocketBuilder().buildAsync(page, new Listener()).get(10, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens {@code url} and waits until it has loaded (polled: a load event of the page before cannot be mistaken for it). */
    void open(String url) throws Exception {
        JsonNode nav = call("Page.navigate", Map.of("url", url));
        if (nav.has("errorText")) throw new AssertionError("Chromium could not open " + url + ": " + nav.path("errorText").asText());
        String frame = nav.path("loaderId").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!eval("document.readyState === 'complete' && location.href !== 'about:blank'").asBoolean(false)) {
            if (System.nanoTime() > deadline) throw new AssertionError("Chromium did not finish loading " + url + " (loader " + frame + ")");
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression in the page (awaited if it is a promise), as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new AssertionError("the page threw evaluating " + expression + ": " + r.path("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page. */
    void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eval(expression).asBoolean(false)) {
            if (System.nanoTime() > deadline) throw new AssertionError("the page never had " + expression + "; errors: " + errors);
            Thread.sleep(50);
        }
    }

    /** The whole page (beyond the window), as PNG, or JPEG when the file's name ends in .jpg. */
    void screenshot(Path file) throws Exception {
        boolean jpeg = file.getFileName().toString().endsWith(".jpg");
        JsonNode r = call("Page.captureScreenshot", jpeg ? Map.of("format", "jpeg", "quality", 70, "captureBeyondViewport", true)
                : Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    }

    /** Console errors and uncaught exceptions since the browser started. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(30, TimeUnit.SECONDS);
        if (r.has("error")) throw new IllegalStateException(method + ": " + r.path("error"));
        return r.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    handle(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(JsonNode m) {
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
                if (f != null) f.complete(m);
                return;
            }
            JsonNode p = m.path("params");
            switch (m.path("method").asText()) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if (p.path("type").asText().equals("error")) errors.add("console.error: " + p.path("args"));
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) errors.add("log: " + p.path("entry").path("text").asText());
                }
                default -> { }
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
        // Chromium's helper processes write into the profile too: all of them go before it is removed.
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException leftOver) {
            // a temporary folder, best effort: what a late writer left is the system's to clean
        }
    }
}
