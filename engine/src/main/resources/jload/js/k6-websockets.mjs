// k6/websockets (and k6/experimental/websockets): the browser-style WebSocket. Connecting happens
// in the background; events arrive on the VU's event loop; the iteration ends when every socket
// has closed and no timer is pending. Unknown params throw; close() defaults to 1000.

const EVENTS = ['open', 'message', 'error', 'close', 'ping', 'pong'];

class Blob {
  constructor(buffer) { this._buffer = buffer; }
  get size() { return this._buffer.byteLength; }
  get type() { return ''; }
  arrayBuffer() { return Promise.resolve(this._buffer.slice(0)); }
  text() { return Promise.resolve(String.fromCharCode(...new Uint8Array(this._buffer))); }
}

function arrayBufferOf(bytes) {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
  return out.buffer;
}

export class WebSocket {
  static get CONNECTING() { return 0; }
  static get OPEN() { return 1; }
  static get CLOSING() { return 2; }
  static get CLOSED() { return 3; }

  constructor(url, protocols, params) {
    this.url = String(url);
    this.binaryType = 'blob';
    this._listeners = {};
    for (const e of EVENTS) this['on' + e] = null;
    this._h = globalThis.__jload_ws.newWebSocket(this.url, protocols ?? null, params ?? null,
      (type, payload) => this._dispatch(type, payload));
  }

  get readyState() { return this._h.readyState(); }
  get protocol() { return this._h.protocol(); }
  get bufferedAmount() { return 0; }

  send(data) {
    if (typeof data === 'string') this._h.sendText(data);
    else if (data instanceof ArrayBuffer) this._h.sendBytes(new Uint8Array(data));
    else if (ArrayBuffer.isView(data)) this._h.sendBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else if (data instanceof Blob) this._h.sendBytes(new Uint8Array(data._buffer));
    else this._h.sendText(String(data));
  }

  ping() { this._h.ping(); }
  close(code, reason) { this._h.close(code ?? null, reason ?? null); }

  addEventListener(type, listener) { (this._listeners[type] ??= []).push(listener); }
  removeEventListener(type, listener) {
    const list = this._listeners[type];
    if (list) this._listeners[type] = list.filter((l) => l !== listener);
  }

  _dispatch(type, payload) {
    let event;
    switch (type) {
      case 'message': event = { type, data: payload, origin: this.url }; break;
      case 'binary': {
        const buffer = arrayBufferOf(payload);
        type = 'message';
        event = { type, data: this.binaryType === 'arraybuffer' ? buffer : new Blob(buffer), origin: this.url };
        break;
      }
      case 'close': // as k6: no code when there was none (a connect that failed)
        event = payload[0] ? { type, code: payload[0], reason: payload[1], wasClean: payload[0] === 1000 || payload[0] === 1001 }
          : { type, reason: payload[1], wasClean: false };
        break;
      case 'error': event = { type, error: payload }; break;
      default: event = { type };
    }
    event.target = this;
    const handler = this['on' + type];
    if (typeof handler === 'function') handler.call(this, event);
    for (const l of this._listeners[type] ?? []) l.call(this, event);
  }
}

export { Blob };
export default { WebSocket, Blob };
