// k6/metrics: custom metrics. Create them in the init context (top level), add in VU code.
class Metric {
  constructor(type, name, isTime) {
    if (typeof name !== 'string' || name === '') throw new TypeError('a metric needs a name');
    this.name = name;
    this.type = type;
    this._handle = globalThis.__jload.metric(type, name, !!isTime);
  }
  add(value, tags) {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
    if (Number.isNaN(v)) throw new TypeError(`${this.name}.add: '${value}' is not a number`);
    this._handle.add(v, tags ?? null);
    return true;
  }
}

export class Counter extends Metric { constructor(name, isTime) { super('counter', name, isTime); } }
export class Gauge extends Metric { constructor(name, isTime) { super('gauge', name, isTime); } }
export class Rate extends Metric {
  constructor(name) { super('rate', name, false); }
  add(value, tags) {
    this._handle.add(value ? 1 : 0, tags ?? null);
    return true;
  }
}
export class Trend extends Metric { constructor(name, isTime) { super('trend', name, isTime); } }

export default { Counter, Gauge, Rate, Trend };
