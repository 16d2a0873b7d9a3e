// A bundled re-implementation of https://jslib.k6.io/k6-summary/0.x/index.js, so ported scripts run offline.

// The text summary, rendered by the same code as jload's end-of-test summary.
export function textSummary(data, options = {}) {
  return globalThis.__jload.textSummary(JSON.stringify(data), JSON.stringify({
    indent: options.indent ?? ' ',
    enableColors: options.enableColors ?? false,
  }));
}

function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c]));
}

// JUnit XML with one test case per threshold, failed thresholds as failures.
export function jUnit(data, options = {}) {
  const cases = [];
  let failures = 0;
  for (const [metric, entry] of Object.entries(data.metrics ?? {})) {
    for (const [threshold, verdict] of Object.entries(entry.thresholds ?? {})) {
      const name = escapeXml(`${metric} - ${threshold}`);
      if (verdict.ok) {
        cases.push(`<testcase name="${name}" />`);
      } else {
        failures++;
        cases.push(`<testcase name="${name}"><failure message="failed" /></testcase>`);
      }
    }
  }
  const suite = escapeXml(options.name ?? 'k6 thresholds');
  return `<?xml version="1.0"?>\n<testsuites tests="${cases.length}" failures="${failures}">\n`
    + `<testsuite name="${suite}" tests="${cases.length}" failures="${failures}">${cases.join('\n')}\n</testsuite>\n</testsuites>`;
}

export function humanizeValue(value, metric, timeUnit) {
  if (metric && metric.contains === 'time') {
    if (timeUnit === 's') return `${(value / 1000).toFixed(2)}s`;
    if (value < 1) return `${(value * 1000).toFixed(2)}µs`;
    if (value < 1000) return `${value.toFixed(2)}ms`;
    return `${(value / 1000).toFixed(2)}s`;
  }
  if (metric && metric.contains === 'data') {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let v = value, i = 0;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '');
}
