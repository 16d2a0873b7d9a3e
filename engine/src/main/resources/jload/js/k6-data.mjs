// k6/data: SharedArray, built once per run and read-only in every VU.
export class SharedArray {
  constructor(name, build) {
    if (typeof name !== 'string' || name === '') throw new TypeError('SharedArray needs a name');
    if (typeof build !== 'function') throw new TypeError('SharedArray needs a function that returns an array');
    const items = globalThis.__jload.sharedArray(name, build);
    const length = items.length;
    // Elements are parsed on access and frozen, deeply: a SharedArray is read-only, as in k6.
    const freeze = (v) => {
      if (v !== null && typeof v === 'object') {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
      return v;
    };
    const at = (i) => freeze(JSON.parse(items[i]));
    return new Proxy([], {
      get(target, prop) {
        if (prop === 'length') return length;
        if (typeof prop === 'string' && /^\d+$/.test(prop)) {
          const i = Number(prop);
          return i < length ? at(i) : undefined;
        }
        if (prop === Symbol.iterator) return function* () { for (let i = 0; i < length; i++) yield at(i); };
        const arrayMethod = Array.prototype[prop];
        if (typeof arrayMethod === 'function') {
          return (...args) => arrayMethod.apply(Array.from({ length }, (_, i) => at(i)), args);
        }
        return undefined;
      },
      set() { throw new TypeError('SharedArray is read-only'); },
      has(target, prop) { return prop === 'length' || (/^\d+$/.test(String(prop)) && Number(prop) < length); },
    });
  }
}
export default { SharedArray };
