// Globals every k6 script may use without importing: __ENV, console, open, timers.
// __jload is the engine's bridge; scripts should not use it directly.
// (Named: a per-VU init function that Truffle must not compile, see JsRuntime.RUN_ONCE_PER_VU.)
(function jloadGlobals() {
  'use strict';
  const b = globalThis.__jload;
  Object.defineProperty(globalThis, '__jload', { enumerable: false });
  Object.defineProperty(globalThis, '__jload_ws', { enumerable: false });
  Object.defineProperty(globalThis, '__jload_scrape', { enumerable: false });
  Object.defineProperty(globalThis, '__jload_redis', { enumerable: false });
  Object.defineProperty(globalThis, '__jload_mongo', { enumerable: false });

  globalThis.__ENV = JSON.parse(b.envJson());
  // The VU's iteration number (0 in the init context, setup and teardown), read when used.
  Object.defineProperty(globalThis, '__ITER', { get: () => b.iteration(), enumerable: true, configurable: true });

  function format(args) {
    return Array.prototype.map.call(args, (a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return String(a);
      if (typeof a === 'object' && a !== null) {
        try { return JSON.stringify(a); } catch (e) { return String(a); }
      }
      return String(a);
    }).join(' ');
  }
  globalThis.console = Object.freeze({
    log() { b.log('info', format(arguments)); },
    info() { b.log('info', format(arguments)); },
    debug() { b.log('debug', format(arguments)); },
    warn() { b.log('warn', format(arguments)); },
    error() { b.log('error', format(arguments)); },
  });

  globalThis.open = function open(path, mode) {
    if (mode === 'b') {
      const bytes = b.openBinary(String(path));
      const out = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
      return out.buffer;
    }
    return b.open(String(path));
  };

  globalThis.setTimeout = (fn, ms, ...args) => b.setTimer(() => fn(...args), Number(ms) || 0, false);
  globalThis.setInterval = (fn, ms, ...args) => b.setTimer(() => fn(...args), Number(ms) || 0, true);
  globalThis.clearTimeout = (id) => { if (id !== undefined) b.clearTimer(id); };
  globalThis.clearInterval = globalThis.clearTimeout;
})();
