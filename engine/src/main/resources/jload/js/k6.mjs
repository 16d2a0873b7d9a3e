// k6's core module: check, group, sleep, fail, randomSeed.

export function check(value, checks, tags) {
  let all = true;
  for (const name of Object.keys(checks ?? {})) {
    const c = checks[name];
    const passed = typeof c === 'function' ? !!c(value) : !!c;
    __bridge().check(name, passed, tags ?? null);
    all = all && passed;
  }
  return all;
}

export function group(name, fn) {
  if (typeof fn !== 'function') throw new TypeError('group: the second argument must be a function');
  return __bridge().group(String(name), fn);
}

export function sleep(seconds) {
  const b = __bridge();
  // Inside a k6/ws handler, where the call came from goes with it, for a one-time warning.
  b.sleep(Number(seconds), globalThis.__jload_ws.inSession() ? new Error().stack : null);
}

export function fail(message) {
  throw new Error(message === undefined ? 'fail' : String(message));
}

// Math.random cannot be seeded on GraalJS, so a seeded run swaps in mulberry32.
export function randomSeed(seed) {
  let s = Number(seed) >>> 0;
  Math.random = function () {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function __bridge() {
  return globalThis.__jload;
}

export default { check, group, sleep, fail, randomSeed };
