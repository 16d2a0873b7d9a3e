// k6/experimental/redis and k6/x/redis (xk6-redis): a promise-based redis.Client, on jload's Redis client.
//
//   import redis from 'k6/experimental/redis';
//   const client = new redis.Client('redis://localhost:6379');   // or { socket: { host, port, tls }, username, password, database }
//   export default async function () { await client.set('k', 'v', 0); const v = await client.get('k'); }
//
// As xk6-redis does: a reply of nothing (get of a missing key, lpop of an empty list, …) rejects with
// "redis: nil"; a Redis error rejects with its message; values must be strings, numbers or booleans. jload
// runs each command when it is called (the promise is settled when it returns) over the run's shared connection,
// times it (redis_command_duration) and counts failures (redis_errors). Clusters and sentinels are not supported.
import { redis } from 'jload/redis';

const NIL = 'redis: nil';

function checkTypes(offset, values) {
  values.forEach((v, i) => {
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw new Error(`unsupported type provided for argument at index ${i + offset}, supported types are string, number, and boolean`);
    }
  });
}

// xk6-redis's options object as a URL: { socket: { host, port, tls }, username, password, database }.
function urlOf(options) {
  if (options === null || typeof options !== 'object') throw new Error('invalid options; reason: expected a URL string or an options object');
  if (options.cluster !== undefined || options.masterName !== undefined || options.sentinelUsername !== undefined) {
    throw new Error('jload: Redis cluster and sentinel options are not supported; give one server (socket: {host, port})');
  }
  const socket = options.socket ?? {};
  const host = socket.host ?? 'localhost';
  const port = socket.port ?? 6379;
  const user = options.username ? encodeURIComponent(options.username) : '';
  const auth = options.password ? `${user}:${encodeURIComponent(options.password)}@` : (user ? `${user}@` : '');
  return `${socket.tls ? 'rediss' : 'redis'}://${auth}${host}:${port}/${options.database ?? 0}`;
}

const toText = (v) => String(v);
const isNil = (v) => v === null || v === undefined;

export class Client {
  constructor(options) {
    if (arguments.length !== 1) throw new Error('must specify one argument');
    this._url = typeof options === 'string' ? options : urlOf(options);
    this._client = null; // connected on the first command, as xk6-redis does
  }

  // Runs body on the connected client: resolves with its value, rejects with the call's error, or with
  // "redis: nil" when nilRejects and the reply was nothing.
  _run(body, nilRejects = false) {
    return new Promise((resolve, reject) => {
      if (this._client === null) this._client = redis.client(this._url);
      const c = this._client;
      const value = body(c);
      if (c.lastError !== null) reject(new Error(c.lastError));
      else if (nilRejects && isNil(value)) reject(new Error(NIL));
      else resolve(value);
    });
  }

  _typed(offset, values, body, nilRejects = false) {
    try {
      checkTypes(offset, values);
    } catch (e) {
      return Promise.reject(e);
    }
    return this._run(body, nilRejects);
  }

  _command(nilRejects, name, ...args) {
    return this._run((c) => c.command(name, ...args.map(toText)), nilRejects);
  }

  set(key, value, expiration = 0) {
    return this._typed(1, [value], (c) => (expiration > 0
      ? c.command('SET', key, toText(value), 'EX', String(Math.trunc(expiration)))
      : c.command('SET', key, toText(value))));
  }
  get(key) { return this._command(true, 'GET', key); }
  getSet(key, value) { return this._typed(1, [value], (c) => c.command('GETSET', key, toText(value)), true); }
  del(...keys) { return this._command(false, 'DEL', ...keys); }
  getDel(key) { return this._command(true, 'GETDEL', key); }
  exists(...keys) { return this._command(false, 'EXISTS', ...keys); }
  incr(key) { return this._command(false, 'INCR', key); }
  incrBy(key, increment) { return this._command(false, 'INCRBY', key, Math.trunc(increment)); }
  decr(key) { return this._command(false, 'DECR', key); }
  decrBy(key, decrement) { return this._command(false, 'DECRBY', key, Math.trunc(decrement)); }
  randomKey() { return this._command(true, 'RANDOMKEY'); }
  mget(...keys) { return this._command(false, 'MGET', ...keys); }
  expire(key, seconds) { return this._run((c) => c.command('EXPIRE', key, String(Math.trunc(seconds))) === 1); }
  ttl(key) { return this._command(false, 'TTL', key); }
  persist(key) { return this._run((c) => c.command('PERSIST', key) === 1); }
  lpush(key, ...values) { return this._typed(1, values, (c) => c.command('LPUSH', key, ...values.map(toText))); }
  rpush(key, ...values) { return this._typed(1, values, (c) => c.command('RPUSH', key, ...values.map(toText))); }
  lpop(key) { return this._command(true, 'LPOP', key); }
  rpop(key) { return this._command(true, 'RPOP', key); }
  lrange(key, start, stop) { return this._command(false, 'LRANGE', key, Math.trunc(start), Math.trunc(stop)); }
  lindex(key, index) { return this._command(true, 'LINDEX', key, Math.trunc(index)); }
  lset(key, index, element) { return this._command(false, 'LSET', key, Math.trunc(index), element); }
  lrem(key, count, value) { return this._command(false, 'LREM', key, Math.trunc(count), value); }
  llen(key) { return this._command(false, 'LLEN', key); }
  hset(key, field, value) { return this._typed(2, [value], (c) => c.command('HSET', key, field, toText(value))); }
  hsetnx(key, field, value) { return this._run((c) => c.command('HSETNX', key, field, toText(value)) === 1); }
  hget(key, field) { return this._command(true, 'HGET', key, field); }
  hdel(key, ...fields) { return this._command(false, 'HDEL', key, ...fields); }
  hgetall(key) { return this._run((c) => c.hgetall(key)); }
  hkeys(key) { return this._command(false, 'HKEYS', key); }
  hvals(key) { return this._command(false, 'HVALS', key); }
  hlen(key) { return this._command(false, 'HLEN', key); }
  hincrby(key, field, increment) { return this._command(false, 'HINCRBY', key, field, Math.trunc(increment)); }
  sadd(key, ...members) { return this._typed(1, members, (c) => c.command('SADD', key, ...members.map(toText))); }
  srem(key, ...members) { return this._typed(1, members, (c) => c.command('SREM', key, ...members.map(toText))); }
  sismember(key, member) { return this._typed(1, [member], (c) => c.command('SISMEMBER', key, toText(member)) === 1); }
  smembers(key) { return this._command(false, 'SMEMBERS', key); }
  srandmember(key) { return this._command(true, 'SRANDMEMBER', key); }
  spop(key) { return this._command(true, 'SPOP', key); }
  sendCommand(command, ...args) { return this._typed(1, args, (c) => c.command(command, ...args.map(toText))); }
}

export default Object.freeze({ Client });
