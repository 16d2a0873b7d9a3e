package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxCommandTest {

    @Test
    void printsWorkingEndpointsAndAValidTokenThenStopsWhenInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SandboxCommand()).setOut(new PrintWriter(out, true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread running = Thread.ofPlatform().name("sandbox-command-test").start(() -> exitCode.set(cli.execute()));
        try {
            String printed = awaitOutput(out, "Press Ctrl-C");
            Matcher echo = Pattern.compile("(ws://127\\.0\\.0\\.1:\\d+/ws/echo)").matcher(printed);
            Matcher token = Pattern.compile("valid 24 h\\):\\s+(\\S+)").matcher(printed);
            assertTrue(echo.find(), printed);
            assertTrue(token.find(), printed);
            assertTrue(printed.contains("/health") && printed.contains("/metrics") && printed.contains("/ws/rooms")
                    && printed.contains("/ws/presence") && printed.contains("/ws/reject"), printed);
            String wsBase = echo.group(1).replace("/ws/echo", "");
            try (HttpClient http = HttpClient.newHttpClient()) {
                try (TestClient client = TestClient.connect(http, URI.create(echo.group(1)))) {
                    client.sendText("via the command");
                    assertEquals("via the command", client.nextText());
                }
                try (TestClient client = TestClient.connect(http, URI.create(wsBase + "/ws/presence?token=" + token.group(1)))) {
                    assertEquals(SandboxCommand.SAMPLE_SUBJECT, client.nextStampedJson().path("user").asText());
                }
            }
        } finally {
            running.interrupt();
            running.join(5_000);
        }
        assertFalse(running.isAlive(), "the command did not stop when interrupted");
        assertEquals(0, exitCode.get());
    }

    @Test
    void aTakenPortFailsWithAClearMessage() throws Exception {
        try (SandboxServer occupant = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET)) {
            StringWriter err = new StringWriter();
            int port = occupant.httpBase().getPort();
            int exit = new CommandLine(new SandboxCommand()).setErr(new PrintWriter(err, true))
                    .execute("--http-port", String.valueOf(port), "--secret", "s");
            assertEquals(1, exit);
            assertTrue(err.toString().contains(String.valueOf(port)), err.toString());
        }
    }

    @Test
    void aBadCapIsOneLineNamingTheOptionAndExits104() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SandboxCommand()).setErr(new PrintWriter(err, true)).execute("--sio-idle-timeout", "soon");
        assertEquals(104, exit);
        assertEquals("jload sandbox: --sio-idle-timeout: 'soon' is not a duration; expected e.g. 30s, 1m30s, 500ms or 2h", err.toString().strip());
    }

    private static String awaitOutput(StringWriter out, String marker) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String printed = out.toString();
            if (printed.contains(marker)) return printed;
            Thread.sleep(50);
        }
        return fail("the command printed no '" + marker + "' within 5 s:\n" + out);
    }
}
