// k6/ws, with k6's semantics: ws.connect(url, params, callback) blocks until the socket closes;
// the callback runs first and 'open' fires only after it returns; handlers run on the VU's own
// event loop, so sleep() inside one holds up the socket (prefer socket.setTimeout).
// Unknown params are ignored, as in k6. socket.close() without a code sends 1001.

class Socket {
  constructor(handle) { this._h = handle; }
  on(event, handler) { this._h.on(String(event), handler); }
  send(data) { this._h.send(String(data)); }
  sendBinary(data) {
    this._h.sendBinary(data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data);
  }
  ping() { this._h.ping(); }
  close(code) { this._h.close(code === undefined ? null : code); }
  setTimeout(fn, ms) { return this._h.setTimeout(fn, Number(ms) || 0); }
  setInterval(fn, ms) { return this._h.setInterval(fn, Number(ms) || 0); }
}

export function connect(url, params, callback) {
  if (typeof params === 'function' && callback === undefined) { callback = params; params = {}; }
  const json = globalThis.__jload_ws.k6Connect(String(url), params ?? {}, (handle) => callback(new Socket(handle)));
  return JSON.parse(json);
}

export default { connect };
