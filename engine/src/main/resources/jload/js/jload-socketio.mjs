// jload/socketio: Socket.IO v4 clients used synchronously (Engine.IO v4 over WebSocket). jload answers
// the heartbeat on its event loop, so a VU may sleep as long as it likes.
//
//   const io = socketio.connect(__ENV.SIO, { namespace: '/chat', auth: { token } });
//   io.emit('join', 'room-1');
//   const [ack] = io.emitWithAck('say', 'hi', { timeout: '2s' });       // the ack's arguments, or null
//   const msg = io.expect('message', (m) => m.text === 'hi', { timeout: '2s' }); // first matching event's arguments, or null
//   const [event, ...args] = io.expectAny(['call:accepted', 'call:rejected'], { timeout: '20s' }) ?? [];
//   io.on('question', (q) => `answer to ${q}`);   // runs while the VU waits on io; its value answers the server's ack
//   io.wait('1s');
//   const admin = io.of('/admin', { auth: { token } });                // another namespace, same connection
//   io.close();

// Bytes cross to Java as {_binary: base64} (jload's JSON form of an attachment) and come back as ArrayBuffers.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function toBase64(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}
function fromBase64(text) {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, value = 0, j = 0;
  for (const c of clean) {
    value = (value << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[j++] = (value >> bits) & 255; }
  }
  return out.buffer;
}
const toWire = (_key, v) => {
  if (v instanceof ArrayBuffer) return { _binary: toBase64(new Uint8Array(v)) };
  if (ArrayBuffer.isView(v)) return { _binary: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  return v;
};
const fromWire = (_key, v) => (v !== null && typeof v === 'object' && typeof v._binary === 'string' && Object.keys(v).length === 1 ? fromBase64(v._binary) : v);
// The replacer and reviver run on every value: only when bytes may be there (measured: they showed in the ack path).
const stringify = (args) => (args.every((a) => a === null || typeof a !== 'object') ? JSON.stringify(args) : JSON.stringify(args, toWire));
const parse = (json) => (json === null || json === undefined ? null : json.includes('"_binary"') ? JSON.parse(json, fromWire) : JSON.parse(json));

// A last argument of exactly { timeout } is the call's options, not an event argument.
const NO_OPTIONS = Object.freeze({});
function splitOptions(args) {
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && !Array.isArray(last)) {
    const keys = Object.keys(last);
    if (keys.length === 1 && keys[0] === 'timeout') return [args.slice(0, -1), last];
  }
  return [args, NO_OPTIONS];
}

export class Socket {
  constructor(handle, timeout) { this._h = handle; this._timeout = timeout; }
  /** Whether the namespace accepted the connection. */
  get ok() { return this._h.ok(); }
  /** Why the connect failed or what ended the session; null when nothing did. */
  get error() { return this._h.error(); }
  /** The socket's id in its namespace, as the server gave it. */
  get id() { return this._h.id(); }
  get namespace() { return this._h.namespace(); }
  get connected() { return this._h.isConnected(); }
  /** 'io client disconnect', 'io server disconnect', 'transport close', 'ping timeout' or 'parse error'; null while connected. */
  get disconnectReason() { return this._h.disconnectReason(); }
  /**
   * When the frame of the event or ack last handed to the script (expect, emitWithAck, an on() handler) was read
   * on jload's event loop: epoch ms with microseconds; NaN before any. `io.receivedAt - serverTs` is a receipt
   * latency without the VU's own wake-up in it.
   */
  get receivedAt() { return this._h.receivedAt(); }

  emit(event, ...args) { this._h.emit(String(event), stringify(args)); }

  /** The ack's arguments (an array), or null when none came in time. `io.timeout(ms).emitWithAck(…)` also sets the timeout. */
  emitWithAck(event, ...rest) {
    const [args, options] = splitOptions(rest);
    return parse(this._h.emitWithAck(String(event), stringify(args), options.timeout ?? this._timeout ?? null));
  }

  /** The same socket, with `ms` as the timeout of the next emitWithAck (socket.io-client's `socket.timeout(ms)`). */
  timeout(ms) { return new Socket(this._h, ms); }

  /** The arguments (an array) of the first `event` the predicate accepts (called with them spread), or null. */
  expect(event, predicate = () => true, options = {}) {
    const matches = (json) => !!predicate(...parse(json));
    return parse(this._h.expect(String(event), matches, options.timeout ?? null));
  }

  /**
   * The first of several events to arrive, as [event, ...args] (socket.io-client's onAny form), or null:
   * `const [outcome, detail] = io.expectAny(['call:accepted', 'call:rejected'], { timeout: '20s' }) ?? ['timeout'];`
   */
  expectAny(events, options = {}) {
    const names = (Array.isArray(events) ? events : [events]).map(String);
    return parse(this._h.expectAny(names, options.timeout ?? null));
  }

  /**
   * Runs handler(...args) for every `event` that arrives while this VU waits on the socket (expect,
   * emitWithAck, wait; not during sleep). If the server asked for an ack, the handler's return value is its
   * argument (undefined: an ack without arguments). Such events no longer reach expect().
   */
  on(event, handler) {
    this._h.on(String(event), (json) => {
      const r = handler(...parse(json));
      return r === undefined ? null : stringify([r]);
    });
    return this;
  }

  /** Waits (ms or '2s') for nothing but the on() handlers; returns early when the session ends. */
  wait(duration) { this._h.listen(duration); }

  /**
   * This connection's session in another namespace, over the same WebSocket (socket.io-client's
   * manager.socket(nsp, {auth})): options auth and timeout. A refused join gives a socket whose ok is false.
   */
  of(namespace, options = {}) { return new Socket(this._h.of(String(namespace), JSON.stringify(options)), this._timeout); }

  /** Leaves the namespace; the connection closes when no other namespace (of()) still uses it. */
  close() { this._h.close(); }
}

export const socketio = Object.freeze({
  connect(url, options = {}) { return new Socket(globalThis.__jload_ws.socketioConnect(String(url), JSON.stringify(options))); },
});

export default socketio;
