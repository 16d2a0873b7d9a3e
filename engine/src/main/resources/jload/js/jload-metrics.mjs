// jload/metrics: k6/metrics' custom metrics (Counter, Gauge, Rate, Trend), and the target's own metrics.
//
//   import { scrape } from 'jload/metrics';
//   const m = scrape(`${__ENV.TARGET_HTTP}/metrics`, { timeout: '2s' });  // Prometheus text or JSON
//   m.ok, m.status, m.error, m.text
//   m.value('sandbox_connections')                       // the sum over every label set, NaN when none
//   m.value('sandbox_connections', { endpoint: 'echo' }) // the series whose labels include these
//   m.values                                             // { 'name{label="v"}': value, … } (JSON bodies: paths)
//   snapshot(url, 'before.txt')                          // the same, and the page written to a file for `jload diff`
// A failed scrape never throws: ok is false, error says why, and target_scrape_errors{kind} counts it.
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
export { Counter, Gauge, Rate, Trend };

// Java writes NaN and ±Inf as strings (JSON has no such numbers): back to numbers here.
const numbers = (_key, v) => (v === 'NaN' ? NaN : v === '+Inf' || v === 'Infinity' ? Infinity : v === '-Inf' || v === '-Infinity' ? -Infinity : v);

export class Scrape {
  constructor(handle) { this._h = handle; }
  get ok() { return this._h.ok(); }
  get status() { return this._h.status(); }
  get error() { return this._h.error(); }
  get text() { return this._h.text(); }
  get values() { return JSON.parse(this._h.valuesJson(), numbers); }
  value(name, labels = {}) { return this._h.value(String(name), JSON.stringify(labels)); }
}

export function scrape(url, options = {}) {
  return new Scrape(globalThis.__jload_scrape.scrape(String(url), JSON.stringify(options)));
}

/** scrape(), and when it succeeded the body written to `file` as it came, for `jload diff BEFORE AFTER`. */
export function snapshot(url, file, options = {}) {
  return new Scrape(globalThis.__jload_scrape.snapshot(String(url), String(file), JSON.stringify(options)));
}

export default { Counter, Gauge, Rate, Trend, scrape, snapshot };
