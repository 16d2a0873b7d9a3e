// jload/redis: Redis clients, synchronous (Lettuce underneath).
//
//   import redis from 'jload/redis';
//   const r = redis.client(__ENV.REDIS_URL);            // in the init code too: a bad URL or a refusing server stops the run there
//   r.set('k', 'v'); r.get('k'); r.incr('n'); r.del('k'); r.expire('k', 60); r.command('HSET', 'h', 'f', 'v');
//   const sub = r.subscribe('events');                   // or (['a', 'b'], { persist: true })
//   r.publish('events', JSON.stringify({ n: 1 }));       // how many subscribers received it
//   r.publish('events', { n: 1 }, { stamp: true });      // fanout_latency: publish → each WebSocket/Socket.IO frame carrying it
//   const m = sub.expect((m) => m.json().n === 1, { timeout: '2s' });  // { channel, text, json(), receivedAt } or null
// A failed call returns null (-1 for counts), is counted in redis_errors{kind, command}, and r.lastError says why.

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
