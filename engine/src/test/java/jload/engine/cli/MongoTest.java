package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jload/mongo against mongo-java-server in-process (the real MongoDB driver over the real wire protocol; this machine
 * kind has no mongod): seeding, reading back, faults counted, a deployment that does not answer stopping the run in init.
 */
class MongoTest {
    @TempDir
    Path dir;
    private MongoServer server;
    private String uri;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void tenThousandDocumentsGoInInBatchesAndComeBackSortedAndCounted() {
        Jload.Result r = Jload.runScript(dir, """
                import mongo from 'jload/mongo';
                import { check } from 'k6';
                const events = mongo.client(__ENV.MONGO).collection('app', 'events');
                export const options = { iterations: 1, summaryTrendStats: ['count', 'max'] };
                export default function () {
                  events.drop();
                  const inserted = events.insertMany(Array.from({ length: 10000 }, (_, i) => ({ job: i % 2 ? 'odd' : 'even', seq: i })), { batchSize: 2000 });
                  const id = events.insertOne({ job: 'extra', seq: -1, tags: ['a', 'b'] });
                  const page = events.find({ job: 'even' }, { sort: { seq: -1 }, limit: 3 });
                  check(null, {
                    'all inserted': () => inserted === 10000 && id !== null && id.$oid !== undefined,
                    'found, sorted and limited': () => page.map((d) => d.seq).join() === '9998,9996,9994',
                    'plain numbers and arrays come back': () => JSON.stringify(events.findOne({ seq: -1 }).tags) === '["a","b"]',
                    'counted': () => events.count({ job: 'odd' }) === 5000 && events.count() === 10001,
                    'an index': () => events.createIndex({ seq: 1 }) === 'seq_1',
                    'deleted': () => events.deleteMany({ job: 'odd' }) === 5000 && events.count() === 5001,
                    'none missing is null': () => events.findOne({ seq: 123456 }) === null && events.lastError === null,
                  });
                  events.drop();
                  check(events, { 'dropped': (e) => e.count() === 0 });
                }
                """, "-e", "MONGO=" + uri, "--summary-export", dir.resolve("summary.json").toString());
        JsonNode m = Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        assertTrue(m.path("mongo_op_duration").path("count").asInt() >= 12, m.toPrettyString());
    }

    @Test
    void updatesDeletesDistinctAndAggregationsAnswerAsMongoDoes() {
        Jload.Result r = Jload.runScript(dir, """
                import mongo from 'jload/mongo';
                import { check } from 'k6';
                const jobs = mongo.client(__ENV.MONGO).collection('app', 'jobs');
                export const options = { iterations: 1 };
                export default function () {
                  jobs.insertMany([{ job: 'a', n: 1 }, { job: 'a', n: 2 }, { job: 'b', n: 3 }]);
                  check(jobs, {
                    'updateOne matches one': (c) => c.updateOne({ job: 'a' }, { $set: { seen: true } }) === 1 && c.count({ seen: true }) === 1,
                    'updateMany matches every one': (c) => c.updateMany({ job: 'a' }, { $inc: { n: 10 } }) === 2 && c.count({ n: { $gt: 10 } }) === 2,
                    'an upsert inserts when nothing matches': (c) => c.updateOne({ job: 'c' }, { $set: { n: 9 } }, { upsert: true }) === 0 && c.count({ job: 'c' }) === 1,
                    'deleteOne deletes one': (c) => c.deleteOne({ job: 'a' }) === 1 && c.count({ job: 'a' }) === 1,
                    'distinct': (c) => c.distinct('job').sort().join() === 'a,b,c',
                    'aggregate': (c) => JSON.stringify(c.aggregate([{ $match: { job: 'b' } }, { $project: { _id: 0, n: 1 } }])) === '[{"n":3}]',
                  });
                }
                """, "-e", "MONGO=" + uri, "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }

    @Test
    void anUnmodifiedXk6MongoScriptRuns() {
        Jload.Result r = Jload.runScript(dir, """
                import xk6_mongo from 'k6/x/mongo';
                import { check } from 'k6';
                const client = xk6_mongo.newClient(__ENV.MONGO);
                export const options = { iterations: 1 };
                export default function () {
                  client.dropCollection('testdb', 'events');
                  client.insert('testdb', 'events', { correlationId: 'c1', n: 1 });
                  client.insertMany('testdb', 'events', [{ correlationId: 'c2', n: 2 }, { correlationId: 'c3', n: 3 }]);
                  client.updateOne('testdb', 'events', { correlationId: 'c1' }, { n: 10 });   // no operator: a $set
                  client.upsert('testdb', 'events', { correlationId: 'c4' }, { n: 4 });
                  client.deleteOne('testdb', 'events', { correlationId: 'c2' });
                  const noMatch = (() => { try { client.findOne('testdb', 'events', { correlationId: 'nope' }); return 'found'; } catch (e) { return e.message; } })();
                  const badName = (() => { try { client.insert('test.db', 'events', {}); return 'inserted'; } catch (e) { return e.message; } })();
                  check(client, {
                    'found, sorted, limited': (c) => c.find('testdb', 'events', {}, { n: -1 }, 2).map((d) => d.n).join() === '10,4',
                    'a plain update is a $set': (c) => c.findOne('testdb', 'events', { correlationId: 'c1' }).n === 10,
                    'counted': (c) => c.countDocuments('testdb', 'events', {}) === 3 && c.findAll('testdb', 'events').length === 3,
                    'findOne with no match throws as xk6-mongo does': () => noMatch === 'mongo: no documents in result',
                    'a database name with a dot is refused': () => badName === 'database name contains invalid character: .',
                  });
                  client.deleteMany('testdb', 'events', {});
                  check(client, { 'deleted': (c) => c.countDocuments('testdb', 'events', {}) === 0 });
                }
                """, "-e", "MONGO=" + uri, "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }

    @Test
    void aFailedOperationIsCountedAndTheRunGoesOn() {
        Jload.Result r = Jload.runScript(dir, """
                import mongo from 'jload/mongo';
                import { check } from 'k6';
                const c = mongo.client(__ENV.MONGO).collection('app', 'uniq');
                export const options = { iterations: 1 };
                export default function () {
                  c.drop();
                  c.insertOne({ _id: 1 });
                  const again = c.insertOne({ _id: 1 }); // a duplicate key: the server refuses it
                  check(null, { 'refused, told, and the next works': () => again === null && c.lastError.includes('insertOne')
                      && c.count() === 1 && c.lastError === null });
                }
                """, "-e", "MONGO=" + uri, "--summary-export", dir.resolve("summary.json").toString());
        JsonNode m = Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        assertEquals(1, m.path("mongo_errors").path("count").asInt(), m.toPrettyString());
    }

    @Test
    void aDeploymentThatDoesNotAnswerStopsTheRunInInitWithoutThePassword() {
        server.shutdownNow();
        Jload.Result r = Jload.runScript(dir, """
                import mongo from 'jload/mongo';
                const c = mongo.client(__ENV.MONGO.replace('mongodb://', 'mongodb://app:hunter2@'));
                export default function () {}
                """, "-e", "MONGO=" + uri);
        assertEquals(107, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("mongodb://***@127.0.0.1:") && r.stderr().contains("no answer to a ping"), r.stderr());
        assertTrue(!r.stderr().contains("hunter2"), r.stderr());
    }
}
