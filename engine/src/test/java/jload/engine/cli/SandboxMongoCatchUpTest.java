package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import jload.engine.sandbox.EmbeddedMongo;
import jload.engine.sandbox.SandboxConfig;
import jload.engine.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's catch-up kept in MongoDB (its in-memory stand-in, over the real driver): a script seeds the history
 * with jload/mongo, a join with {since} replays it, live events are numbered on and stored; a store gone is told in
 * the ack and counted while live events still flow.
 */
class SandboxMongoCatchUpTest {
    @TempDir
    Path dir;

    private void run(SandboxServer sandbox, String mongoUri, String body) throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import socketio from 'jload/socketio';
                import mongo from 'jload/mongo';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                %s""".formatted(body), "-e", "SIO=" + sandbox.socketIoBase(), "-e", "MONGO=" + mongoUri,
                "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }

    private static String metrics(SandboxServer sandbox) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.httpBase() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aSeededHistoryIsReplayedAndLiveEventsAreStoredAndNumberedOn() throws Exception {
        try (EmbeddedMongo db = EmbeddedMongo.start();
             SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withMongo(db.uri()))) {
            run(sandbox, db.uri(), """
                    const events = mongo.client(__ENV.MONGO).collection('jload_sandbox', 'catchup_events');
                    export default function () {
                      events.insertMany(Array.from({ length: 20 }, (_, i) => ({ room: 'jobs', seq: i + 1, data: { n: i + 1 } })));
                      events.insertOne({ room: 'other', seq: 1 });
                      events.insertOne({ room: 'jobs', namespace: '/secure', seq: 99 });
                      const io = socketio.connect(__ENV.SIO);
                      const replayed = [];
                      io.on('catch-up', (e) => { replayed.push(e); });
                      const [ack] = io.emitWithAck('join', 'jobs', { since: 15 }, { timeout: '5s' });
                      const done = io.expect('catch-up-complete', () => true, { timeout: '5s' });
                      io.emitWithAck('broadcast', 'jobs', { n: 21 }, { timeout: '5s' });
                      const live = io.expect('broadcast', () => true, { timeout: '5s' });
                      check(null, {
                        'the ack says how many follow': () => ack.replay === 5,
                        'the seeded events after since, in order, as stored': () => replayed.map((e) => e.seq).join() === '16,17,18,19,20'
                            && replayed[0].data.n === 16 && replayed[0].room === 'jobs' && replayed[0]._id === undefined,
                        'then the completion': () => done[0].count === 5,
                        'a live event is numbered after the seeded ones': () => live[0].seq === 21 && live[0].data.n === 21,
                        'and kept in the collection': () => events.count({ room: 'jobs', seq: 21 }) === 1,
                      });
                    }
                    """);
            String m = metrics(sandbox);
            assertTrue(m.contains("sandbox_catchup_store{store=\"mongodb\"} 1"), m);
            assertTrue(m.contains("sandbox_catchup_replays_total 1"), m);
            assertTrue(m.contains("sandbox_catchup_events_replayed_total 5"), m);
            assertTrue(m.contains("sandbox_catchup_last_replay_events 5"), m);
            assertTrue(m.contains("sandbox_catchup_store_errors_total 0"), m);
        }
    }

    @Test
    void aStoreGoneIsToldInTheAckAndCountedWhileLiveEventsStillFlow() throws Exception {
        EmbeddedMongo db = EmbeddedMongo.start();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withMongo(db.uri()))) {
            db.close();
            run(sandbox, "mongodb://127.0.0.1:1", """
                    export default function () {
                      const io = socketio.connect(__ENV.SIO);
                      const [ack] = io.emitWithAck('join', 'jobs', { since: 0 }, { timeout: '20s' });
                      const done = io.expect('catch-up-complete', () => true, { timeout: '5s' });
                      io.emitWithAck('broadcast', 'jobs', { n: 1 }, { timeout: '20s' });
                      const live = io.expect('broadcast', () => true, { timeout: '5s' });
                      check(null, {
                        'the ack says the store is unavailable': () => ack.replay === 0 && ack.error === 'catch-up store unavailable',
                        'so does the completion': () => done[0].count === 0 && done[0].error === 'catch-up store unavailable',
                        'live events still arrive': () => live !== null && live[0].data.n === 1,
                      });
                    }
                    """);
            String m = metrics(sandbox);
            assertTrue(m.contains("sandbox_catchup_store_errors_total 2"), "the read and the write: " + m);
            assertTrue(m.contains("sandbox_catchup_replays_total 0"), m);
        }
    }
}
