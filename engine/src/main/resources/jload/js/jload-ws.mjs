// jload/ws: WebSockets used synchronously — a VU is a virtual thread, so waiting for a reply reads
// like the story being tested. Sockets may outlive an iteration and be reused by the same VU.
//
//   const s = ws.connect(`${__ENV.TARGET}/ws/echo`, { headers: { Origin: 'http://localhost' } });
//   s.send('hi');
//   const reply = s.expect((m) => m.text === 'hi', { timeout: '2s' });   // null if none came
//   s.close();

export class Message {
  constructor(handle) { this._h = handle; }
  get text() { return this._h.text(); }
  get binary() { return this._h.isBinary(); }
  /** The bytes as an ArrayBuffer. */
  get data() {
    const bytes = this._h.bytes();
    const out = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
    return out.buffer;
  }
  /** Milliseconds since the test started, stamped when the frame was read. */
  get receivedAt() { return this._h.receivedAt(); }
  json() { return JSON.parse(this._h.text()); }
}

const wrap = (handle) => new Message(handle);
const matcher = (predicate) => (handle) => !!predicate(wrap(handle));

export class Socket {
  constructor(handle) { this._h = handle; }
  /** Whether the handshake succeeded. */
  get ok() { return this._h.ok(); }
  /** The upgrade's HTTP status: 101, or the rejection's (401, 503, …). */
  get status() { return this._h.status(); }
  get headers() { return JSON.parse(this._h.headersJson()); }
  get error() { return this._h.error(); }
  get open() { return this._h.isOpen(); }
  get closeCode() { return this._h.closeCode(); }
  get closeReason() { return this._h.closeReason(); }

  send(data) {
    if (typeof data === 'string') this._h.sendText(data);
    else if (data instanceof ArrayBuffer) this._h.sendBytes(new Uint8Array(data));
    else if (ArrayBuffer.isView(data)) this._h.sendBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else this._h.sendText(JSON.stringify(data));
  }

  /** The first message the predicate accepts (kept or new), within options.timeout (default 10s); else null. */
  expect(predicate = () => true, options = {}) {
    const m = this._h.expect(matcher(predicate), options.timeout ?? null);
    return m === null ? null : wrap(m);
  }

  /** Up to count accepted messages within options.timeout. */
  expectCount(count, predicate = () => true, options = {}) {
    return Array.from(this._h.expectCount(count, matcher(predicate), options.timeout ?? null), wrap);
  }

  /** Everything received and not yet taken, without waiting. */
  messages() { return Array.from(this._h.messages(), wrap); }

  /** Ping → pong round trip in ms (NaN on timeout); recorded as ws_ping. */
  ping(options = {}) { return this._h.ping(options.timeout ?? null); }

  close(code = 1000, reason = '') { this._h.close(code, reason); }
}

export const ws = Object.freeze({
  connect(url, options = {}) { return new Socket(globalThis.__jload_ws.connect(String(url), options)); },
});

export default ws;
