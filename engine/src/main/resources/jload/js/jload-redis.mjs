// jload/redis: Redis clients, synchronous (Lettuce underneath).
//
//   import redis from 'jload/redis';
//   const r = redis.client(__ENV.REDIS_URL);            // in the init code too: a bad URL or a refusing server stops the run there
//   r.set('k', 'v'); r.get('k'); r.incr('n'); r.del('k'); r.expire('k', 60); r.command('OBJECT', 'ENCODING', 'k');
//   r.rpush('l', 'a', 'b'); r.lrange('l', 0, -1); r.hset('h', { f: 1 }); r.hgetall('h'); r.sadd('s', 'x'); r.smembers('s');
//   r.pause(1500, { mode: 'all' }); r.killClients({ type: 'pubsub' });   // outage drills: CLIENT PAUSE, CLIENT KILL
//   r.outage(1500);   // a redis-server jload started (run --sandbox): stopped now, started again, empty, 1.5 s later
//   const sub = r.subscribe('events');                   // or (['a', 'b'], { persist: true })
//   r.publish('events', JSON.stringify({ n: 1 }));       // how many subscribers received it
//   r.publish('events', { n: 1 }, { stamp: true });      // fanout_latency: publish → each WebSocket/Socket.IO frame carrying it
//   const m = sub.expect((m) => m.json().n === 1, { timeout: '2s' });  // { channel, text, json(), receivedAt } or null
// A failed call returns null (-1 for counts), is counted in redis_errors{kind, command}, and r.lastError says why.

const count = (reply) => (typeof reply === 'number' ? reply : -1);
const list = (reply) => (Array.isArray(reply) ? reply : null);
const KILL_TYPES = ['normal', 'pubsub', 'replica', 'master'];

const message = (h) => (h === null || h === undefined ? null : {
  channel: h.channel(),
  text: h.text(),
  receivedAt: h.receivedAt(),
  json() { return JSON.parse(this.text); },
});

class Subscription {
  constructor(h) { this._h = h; }
  get ok() { return this._h.ok(); }
  get error() { return this._h.error(); }
  expect(predicate = () => true, options = {}) { return message(this._h.expect((m) => !!predicate(message(m)), options.timeout ?? null)); }
  messages() { return Array.from(this._h.messages(), message); }
  close() { this._h.close(); }
}

class Client {
  constructor(h) { this._h = h; }
  publish(channel, message, options = {}) {
    return this._h.publish(String(channel), typeof message === 'string' ? message : JSON.stringify(message), options.stamp === true);
  }
  get(key) { return this._h.get(String(key)); }
  set(key, value) { return this._h.set(String(key), String(value)); }
  del(...keys) { return this._h.del(keys.map(String)); }
  incr(key) { return this._h.incr(String(key)); }
  expire(key, seconds) { return this._h.expire(String(key), Number(seconds)); }
  command(name, ...args) { return JSON.parse(this._h.command(String(name), args.map(String))); }
  lpush(key, ...values) { return count(this.command('LPUSH', key, ...values)); }
  rpush(key, ...values) { return count(this.command('RPUSH', key, ...values)); }
  lpop(key) { return this.command('LPOP', key); }
  rpop(key) { return this.command('RPOP', key); }
  lrange(key, start, stop) { return list(this.command('LRANGE', key, start, stop)); }
  llen(key) { return count(this.command('LLEN', key)); }
  hset(key, fieldOrObject, value) {
    const pairs = typeof fieldOrObject === 'object' && fieldOrObject !== null
      ? Object.entries(fieldOrObject).flat()
      : [fieldOrObject, value];
    return count(this.command('HSET', key, ...pairs));
  }
  hget(key, field) { return this.command('HGET', key, field); }
  hgetall(key) {
    const flat = list(this.command('HGETALL', key));
    if (flat === null) return null;
    const o = {};
    for (let i = 0; i + 1 < flat.length; i += 2) o[flat[i]] = flat[i + 1];
    return o;
  }
  hdel(key, ...fields) { return count(this.command('HDEL', key, ...fields)); }
  hincrby(key, field, by) { return count(this.command('HINCRBY', key, field, by)); }
  hlen(key) { return count(this.command('HLEN', key)); }
  sadd(key, ...members) { return count(this.command('SADD', key, ...members)); }
  srem(key, ...members) { return count(this.command('SREM', key, ...members)); }
  smembers(key) { return list(this.command('SMEMBERS', key)); }
  sismember(key, member) { return this.command('SISMEMBER', key, member) === 1; }
  scard(key) { return count(this.command('SCARD', key)); }
  // Every command of every client (mode 'all', this run's too) or only writes ('write') wait for ms.
  pause(ms, options = {}) {
    const mode = String(options.mode ?? 'all').toLowerCase();
    if (mode !== 'all' && mode !== 'write') throw new Error(`redis pause: mode must be 'all' or 'write', got '${options.mode}'`);
    return this.command('CLIENT', 'PAUSE', Math.max(0, Math.round(Number(ms))), mode.toUpperCase());
  }
  unpause() { return this.command('CLIENT', 'UNPAUSE'); }
  outage(ms) { this._h.outage(Math.max(0, Math.round(Number(ms)))); }
  // Disconnects every client of the type (default: normal and pubsub) but this run's command connection.
  killClients(options = {}) {
    const types = options.type === undefined ? ['normal', 'pubsub'] : [String(options.type).toLowerCase()];
    let killed = 0;
    for (const t of types) {
      if (!KILL_TYPES.includes(t)) throw new Error(`redis killClients: type must be one of ${KILL_TYPES.join(', ')}, got '${options.type}'`);
      const n = count(this.command('CLIENT', 'KILL', 'TYPE', t, 'SKIPME', 'yes'));
      if (n < 0) return -1;
      killed += n;
    }
    return killed;
  }
  subscribe(channels, options = {}) {
    const list = Array.isArray(channels) ? channels.map(String) : [String(channels)];
    return new Subscription(this._h.subscribe(list, options.persist === true));
  }
  get lastError() { return this._h.lastError(); }
}

export const redis = Object.freeze({
  client(url) { return new Client(globalThis.__jload_redis.client(String(url))); },
});

export default redis;
