// jload's report page: one run (mode 'report'), two runs side by side (mode 'compare'), or a run going on (mode
// 'live', updated over server-sent events). Everything it draws is in the page (#jload-data): it opens offline.
// window.jloadReport tells a test what was drawn: ready, charts [{title, points}], errors; live: updates (events taken),
// deltas (those that only added what was new), made (charts made: a live page updates its charts in place), model(),
// merge(model, update).
(function () {
  'use strict';
  const page = JSON.parse(document.getElementById('jload-data').textContent);
  const state = window.jloadReport = { ready: false, charts: [], errors: [], updates: 0, deltas: 0, made: 0, model: () => page.runs[0] };
  state.merge = (cur, next) => merged(cur, next); // for a test: the page's way of taking an update
  const COLORS = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#1b7c83', '#e16f24', '#6e7781'];
  const TREND_ORDER = ['http_req_duration', 'ws_rtt', 'sio_rtt', 'sio_ack_duration', 'fanout_latency', 'ws_connecting', 'sio_connecting'];
  const QUIET_COUNTERS = new Set(['iterations', 'data_sent', 'data_received', 'dropped_iterations']);
  let plots = [];
  // The charts of the last render, by what they draw: a render that draws the same chart again gives it new data
  // instead of making it anew (a live page renders every second).
  let reusable = new Map();

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  };

  // k6's way of writing values: durations in ms, µs or s; bytes in kB, MB; counts plain.
  function fmt(v, contains) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    if (v === 0) return '0';
    if (contains === 'time') {
      if (Math.abs(v) >= 1000) return (v / 1000).toFixed(2) + 's';
      if (Math.abs(v) >= 1) return v.toFixed(2) + 'ms';
      return (v * 1000).toFixed(2) + 'µs';
    }
    if (contains === 'data') {
      const units = ['B', 'kB', 'MB', 'GB'];
      let i = 0;
      while (Math.abs(v) >= 1000 && i < units.length - 1) { v /= 1000; i++; }
      return v.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
    }
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3);
  }
  const pct = (p, t) => (t > 0 ? (100 * p / t).toFixed(2) + '%' : '–');
  // An axis tick: the same units, without the trailing zeros a table keeps.
  const tick = (v, contains) => fmt(v, contains).replace(/\.0+(?=[a-zµ ]|$)|(\.\d*?)0+(?=[a-zµ ]|$)/i, '$1');
  // 1/(1-p) on a log scale back to a percentile label: 0 → 0%, 1 → 90%, 3 → 99.9%.
  const percentileLabel = (x) => (100 - 100 / Math.pow(10, x)).toFixed(Math.max(0, Math.round(x) - 2)) + '%';

  function table(headers, rows) {
    const t = el('table');
    t.append(el('tr', null, ...headers.map((h) => el('th', h.startsWith('#') ? { class: 'num' } : null, h.replace(/^#/, '')))));
    for (const r of rows) t.append(el('tr', null, ...r.map((c, i) => (c instanceof Node ? el('td', null, c) : el('td', headers[i].startsWith('#') ? { class: 'num' } : null, c)))));
    return t;
  }

  // Shades jload's own stalls on a time chart: what was timed across them includes them.
  function stallBands(holder, relative) {
    return {
      hooks: {
        drawClear: [(u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = 'rgba(230, 120, 0, 0.22)';
          for (const run of holder.runs) {
            for (const s of run.stalls || []) {
              const from = (s.start - (relative ? run.start : 0)) / 1000;
              const x0 = u.valToPos(from, 'x', true);
              const x1 = u.valToPos(from + s.durationMillis / 1000, 'x', true);
              if (!Number.isFinite(x0)) continue;
              ctx.fillRect(x0, u.bbox.top, Math.max(2 * devicePixelRatio, x1 - x0), u.bbox.height);
            }
          }
          ctx.restore();
        }],
      },
    };
  }

  function chartBox(parent, title) {
    const box = el('div', { class: 'chart' });
    parent.append(box);
    return box;
  }

  // The chart drawn as `key` in the last render, given the new data (true), or nothing to reuse (false).
  function reused(parent, key, holder, data, title, points) {
    const old = reusable.get(key);
    if (!old) return false;
    reusable.delete(key);
    Object.assign(old.holder, holder);
    parent.append(old.box);
    old.plot.setData(data);
    plots.push(old);
    state.charts.push({ title, points });
    return true;
  }

  function made(parent, key, holder, opts, data, title, points) {
    const box = chartBox(parent, title);
    const plot = new uPlot(opts, data, box);
    plots.push({ key, holder, box, plot });
    state.made++;
    state.charts.push({ title, points });
  }

  // One time chart: lines = [{label, values, contains, axis}] per run (dashed for the second run of a comparison).
  function timeChart(parent, title, runs, lineSets, relative) {
    const xs = relative ? runs[0].times.map((t) => (t - runs[0].start) / 1000) : runs[0].times.map((t) => t / 1000);
    const data = [xs];
    const series = [{}];
    let points = 0;
    lineSets.forEach((lines, r) => {
      lines.forEach((line, i) => {
        let values = line.values || [];
        if (r > 0) { // the other run, on the first run's x: by seconds since its start
          const other = runs[r];
          const byOffset = new Map(other.times.map((t, k) => [Math.round((t - other.start) / 100), values[k]]));
          values = xs.map((x) => byOffset.get(Math.round(x * 10)) ?? null);
        } else {
          values = values.slice(0, xs.length);
        }
        points += values.filter((v) => v !== null && v !== undefined).length;
        data.push(values);
        series.push({
          label: (runs.length > 1 ? (r === 0 ? 'A ' : 'B ') : '') + line.label,
          stroke: COLORS[i % COLORS.length], width: 1.5, dash: r > 0 ? [6, 4] : undefined,
          scale: line.axis === 2 ? 'y2' : 'y', spanGaps: false,
          value: (u, v) => fmt(v, line.contains),
        });
      });
    });
    if (data.length === 1) return;
    const contains = lineSets[0][0] ? lineSets[0][0].contains : 'default';
    const hasY2 = lineSets[0].some((l) => l.axis === 2);
    const key = 'time|' + title + '|' + series.map((x) => x.label + '@' + x.scale).join(',');
    const holder = { runs };
    if (reused(parent, key, holder, data, title, points)) return;
    const width = 600;
    const opts = {
      title, width, height: 260,
      scales: {
        // The whole run, so that a stall before the first interval's end is on the chart too.
        x: { time: !relative, range: () => { const r = holder.runs[0]; return relative ? [0, (r.end - r.start) / 1000] : [r.start / 1000, r.end / 1000]; } },
        y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      axes: [{}, { values: (u, vals) => vals.map((v) => tick(v, contains)), size: 70 }],
      series,
      plugins: [stallBands(holder, relative)],
    };
    if (hasY2) {
      opts.scales.y2 = { range: (u, min, max) => [0, max > 0 ? max * 1.05 : 1] };
      opts.axes.push({ scale: 'y2', side: 1, grid: { show: false }, size: 60 });
    }
    made(parent, key, holder, opts, data, title, points);
  }

  // The percentile distribution, as HdrHistogram plots it: percentiles spread on 1/(1-p), log-scaled.
  function distributionChart(parent, metric, runs) {
    const sets = runs.map((r) => r.distributions[metric]).filter(Boolean);
    if (sets.length === 0) return;
    const toX = (p) => Math.log10(1 / Math.max(1e-7, 1 - p / 100));
    const xsAll = [...new Set(sets.flatMap((d) => d.percentiles.map(toX)))].sort((a, b) => a - b);
    const data = [xsAll];
    const series = [{ value: (u, x) => (x === null ? '' : (100 - 100 / Math.pow(10, x)).toPrecision(6) + '%') }]; // the cursor's exact percentile
    const contains = runs[0].trends[metric] ? runs[0].trends[metric].contains : 'default';
    let points = 0;
    sets.forEach((d, r) => {
      const at = new Map(d.percentiles.map((p, i) => [toX(p), d.values[i]]));
      const ys = xsAll.map((x) => at.get(x) ?? null);
      points += d.values.length;
      data.push(ys);
      series.push({ label: (runs.length > 1 ? (r === 0 ? 'A' : 'B') : metric), stroke: COLORS[r], width: 1.5, spanGaps: true, dash: r > 0 ? [6, 4] : undefined, value: (u, v) => fmt(v, contains) });
    });
    const key = 'distribution|' + metric + '|' + series.map((x) => x.label).join(',');
    const holder = { top: Math.max(...xsAll) };
    if (reused(parent, key, holder, data, metric + ' distribution', points)) return;
    made(parent, key, holder, {
      title: metric + ' — percentile distribution', width: 620, height: 240,
      scales: { x: { time: false }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] } },
      axes: [
        { values: (u, vals) => vals.map(percentileLabel), splits: () => [0, 1, 2, 3, 4, 5].filter((x) => x <= holder.top + 0.01) },
        { values: (u, vals) => vals.map((v) => tick(v, contains)), size: 70 },
      ],
      series,
    }, data, metric + ' distribution', points);
  }

  function verdictSection(run, label) {
    const s = el('section');
    const failed = run.verdict.filter((v) => !v.ok).length;
    s.append(el('h2', null, (label ? label + ': ' : '') + 'Verdict'));
    if (run.verdict.length === 0) {
      s.append(el('p', { class: 'note' }, run.live ? 'Thresholds are judged as the run goes; their verdict is final at its end.' : 'No thresholds.'));
    } else {
      s.append(el('div', { class: 'banner ' + (failed ? 'bad' : 'ok') }, failed ? `${failed} of ${run.verdict.length} thresholds crossed` : `all ${run.verdict.length} thresholds held`));
      const containsOf = (v) => v.contains || (run.trends[v.metric.split('{')[0]] || {}).contains || 'default';
      s.append(table(['', 'metric', 'threshold', '#observed'], run.verdict.map((v) => [
        el('span', { class: v.ok ? 'ok' : 'bad' }, v.ok ? '✓' : '✗'), v.metric, v.threshold,
        v.observed === undefined ? '–' : (v.stat ? v.stat + ' = ' : '') + (v.stat === 'rate' ? pct(v.observed, 1) : fmt(v.observed, v.stat === 'count' ? 'default' : containsOf(v)))])));
      if (page.mode === 'live' && !page.finished) s.append(el('p', { class: 'note' }, 'Judged now, on the run so far; the verdict is final at the end.'));
    }
    return s;
  }

  function runSection(run, label) {
    const s = el('section', null, el('h2', null, (label ? label + ': ' : '') + 'The run'));
    const info = run.run || {};
    const begun = run.runStart ?? run.start; // a live page's charts show a window; the run began here
    const rows = [['script', info.script], ['scenarios', (info.scenarios || []).join('; ')], ['started', new Date(begun).toISOString()],
      ['duration', ((run.end - begun) / 1000).toFixed(1) + ' s'], ['interval', run.intervalMillis + ' ms'], ['jload', info.jload], ['Java', info.java],
      ['machine', (info.os || '') + ', ' + (info.cores || '?') + ' cores']];
    s.append(table(['', 'value'], rows.filter((r) => r[1] !== undefined)));
    const stalls = run.stalls || [];
    const longest = stalls.reduce((m, x) => Math.max(m, x.durationMillis), 0);
    s.append(el('p', null, el('span', { class: 'stall-key' }), ' jload\'s own stalls (GC pauses, threads run late), shaded on every time chart: ',
      stalls.length === 0 ? 'none.' : `${stalls.length}, the longest ${longest} ms. Anything timed across one includes it.`));
    return s;
  }

  function orderedTrends(run) {
    const names = Object.keys(run.trends).filter((m) => run.trends[m].count.some((c) => c > 0));
    return names.sort((a, b) => {
      const ia = TREND_ORDER.indexOf(a), ib = TREND_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a === 'iteration_duration') - (b === 'iteration_duration') || a.localeCompare(b);
    });
  }

  function chartsSection(runs, relative) {
    const s = el('section', null, el('h2', null, 'Over time'));
    const grid = el('div', { class: 'charts' });
    s.append(grid);
    const per = (f) => runs.map(f);
    timeChart(grid, 'VUs and iterations per second', runs, per((r) => [
      { label: 'VUs', values: (r.gauges.vus || []), contains: 'default' },
      { label: 'iterations/s', values: (r.counters.iterations || []), contains: 'default', axis: 2 }]), relative);
    const rateNames = Object.keys(runs[0].counters).filter((m) => !QUIET_COUNTERS.has(m) && !Object.keys(runs[0].errors).some((e) => e.startsWith(m + '{'))).slice(0, 8);
    if (rateNames.length) timeChart(grid, 'Requests and messages per second', runs, per((r) => rateNames.map((m) => ({ label: m + '/s', values: r.counters[m] || [], contains: 'default' }))), relative);
    for (const m of orderedTrends(runs[0])) {
      timeChart(grid, m + ' — p50, p95, p99, max per interval', runs, per((r) => {
        const t = r.trends[m] || { p50: [], p95: [], p99: [], max: [], contains: 'default' };
        return ['p50', 'p95', 'p99', 'max'].map((p) => ({ label: p, values: t[p], contains: t.contains }));
      }), relative);
    }
    if (runs[0].rates.checks) {
      timeChart(grid, 'Checks per interval', runs, per((r) => [
        { label: 'passed', values: (r.rates.checks || { passes: [] }).passes, contains: 'default' },
        { label: 'failed', values: (r.rates.checks || { fails: [] }).fails, contains: 'default' }]), relative);
    }
    const errorNames = Object.keys(runs[0].errors);
    if (errorNames.length) timeChart(grid, 'Errors by kind, per interval', runs, per((r) => errorNames.map((e) => ({ label: e, values: r.errors[e] || [], contains: 'default' }))), relative);
    if (runs[0].counters.data_received) {
      timeChart(grid, 'Data per second', runs, per((r) => [
        { label: 'received', values: r.counters.data_received || [], contains: 'data' },
        { label: 'sent', values: r.counters.data_sent || [], contains: 'data' }]), relative);
    }
    return s;
  }

  function distributionsSection(runs) {
    const s = el('section', null, el('h2', null, 'Latency distributions (whole run)'));
    const grid = el('div', { class: 'charts' });
    s.append(grid);
    for (const m of orderedTrends(runs[0])) distributionChart(grid, m, runs);
    s.append(el('p', { class: 'note' }, 'Percentiles on a log scale of 1/(1-p), as HdrHistogram plots them: the tail gets the room it needs.'));
    return s;
  }

  function tagTables(run) {
    const s = el('section', null, el('h2', null, 'By tag'));
    for (const [tag, rows] of Object.entries(run.tables)) {
      s.append(el('h3', null, tag));
      s.append(table(['metric', tag, '#count', '#avg', '#p50', '#p95', '#p99', '#max'], rows.map((r) => [r.metric, r.value, r.count,
        fmt(r.avg, r.contains), fmt(r.p50, r.contains), fmt(r.p95, r.contains), fmt(r.p99, r.contains), fmt(r.max, r.contains)])));
    }
    if (Object.keys(run.tables).length === 0) s.append(el('p', { class: 'note' }, 'No Trend carries a name, scenario, group or status tag.'));
    return s;
  }

  function checksSection(run) {
    const s = el('section', null, el('h2', null, 'Checks'));
    if (run.checks.length === 0) return s.append(el('p', { class: 'note' }, 'No checks.')), s;
    s.append(table(['', 'check', '#passed', '#failed', '#rate'], run.checks.map((c) => [el('span', { class: c.fails ? 'bad' : 'ok' }, c.fails ? '✗' : '✓'),
      c.name, c.passes, c.fails, pct(c.passes, c.passes + c.fails)])));
    return s;
  }

  const headline = (v, type, contains) => {
    if (!v) return null;
    if (type === 'trend') return v['p(95)'] ?? v['p(90)'] ?? v.avg;
    if (type === 'rate') return v.rate;
    if (type === 'counter') return v.count;
    return v.value;
  };
  const headlineName = (type, v) => (type === 'trend' ? (v && v['p(95)'] !== undefined ? 'p(95)' : 'p(90)') : type === 'rate' ? 'rate' : type === 'counter' ? 'count' : 'value');
  const show = (x, type, contains) => (type === 'rate' ? pct(x, 1) : fmt(x, type === 'counter' && contains !== 'data' ? 'default' : contains));

  function metricsSection(runs) {
    const s = el('section', null, el('h2', null, runs.length > 1 ? 'Every metric, A → B' : 'Every metric'));
    const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
    if (names.length === 0) return null; // a live run: its end values come with its summary
    if (runs.length === 1) {
      s.append(table(['metric', 'type', '#values'], names.map((n) => {
        const m = runs[0].metrics[n];
        return [n, m.type, Object.entries(m.values).map(([k, v]) => k + '=' + (k === 'rate' ? pct(v, 1) : fmt(v, m.type === 'counter' && k === 'count' && m.contains !== 'data' ? 'default' : m.contains))).join('  ')];
      })));
      return s;
    }
    s.append(table(['metric', 'stat', '#A', '#B', '#change'], names.map((n) => {
      const a = runs[0].metrics[n], b = runs[1].metrics[n];
      const m = a || b;
      const va = a ? headline(a.values, m.type, m.contains) : null, vb = b ? headline(b.values, m.type, m.contains) : null;
      const change = va && vb !== null && va !== 0 ? ((vb - va) / Math.abs(va)) * 100 : null;
      return [n, headlineName(m.type, (a || b).values), va === null ? '–' : show(va, m.type, m.contains), vb === null ? '–' : show(vb, m.type, m.contains),
        change === null ? '–' : (change > 0 ? '+' : '') + change.toFixed(1) + '%'];
    })));
    return s;
  }

  function stallsSection(run) {
    const s = el('section', null, el('h2', null, 'jload\'s own stalls'));
    const stalls = run.stalls || [];
    if (stalls.length === 0) return s.append(el('p', { class: 'note' }, 'None: no GC pause, no thread run more than 10 ms late.')), s;
    s.append(table(['kind', 'at', '#duration', 'detail'], stalls.slice(0, 200).map((x) => [x.kind, '+' + ((x.start - (run.runStart ?? run.start)) / 1000).toFixed(3) + ' s', x.durationMillis + ' ms', x.detail])));
    if (stalls.length > 200) s.append(el('p', { class: 'note' }, `… and ${stalls.length - 200} more (index.json has them all).`));
    return s;
  }

  function render() {
    const main = document.getElementById('main');
    reusable = new Map(plots.map((p) => [p.key, p]));
    plots = [];
    state.charts = [];
    main.replaceChildren();
    const runs = page.runs;
    const compare = page.mode === 'compare';
    document.getElementById('title').textContent = compare ? 'jload — comparison' : 'jload — ' + (runs[0].run.script || 'run');
    const sub = document.getElementById('subtitle');
    sub.replaceChildren(compare ? `A: ${runs[0].run.folder} (${runs[0].run.script})  ·  B: ${runs[1].run.folder} (${runs[1].run.script})`
      : `${new Date(runs[0].runStart ?? runs[0].start).toISOString()}  ·  ${((runs[0].end - (runs[0].runStart ?? runs[0].start)) / 1000).toFixed(1)} s`);
    if (runs[0].intervalsCut > 0) sub.append(`  ·  charts: the last ${runs[0].times.length} intervals`);
    if (page.mode === 'live') sub.append(el('span', { class: 'live' + (page.finished ? ' done' : '') }, page.finished ? 'finished' : 'live'));
    if (compare) {
      main.append(...[verdictSection(runs[0], 'A'), verdictSection(runs[1], 'B'), metricsSection(runs), chartsSection(runs, true), distributionsSection(runs),
        runSection(runs[0], 'A'), runSection(runs[1], 'B')].filter(Boolean));
    } else {
      main.append(...[verdictSection(runs[0]), chartsSection(runs, false), distributionsSection(runs), tagTables(runs[0]), checksSection(runs[0]),
        metricsSection(runs), runSection(runs[0]), stallsSection(runs[0])].filter(Boolean));
    }
    reusable.forEach((p) => p.plot.destroy()); // charts no longer drawn
    reusable = new Map();
    state.ready = true;
  }

  // Whether an update follows on from what the page holds (a whole model always does). One that does not is not
  // merged: the page opens its stream again, and its first event is the whole window.
  const followsOn = (cur, next) => !next.delta || (cur && next.intervalsCut === cur.intervalsCut + cur.times.length);

  // A live update into the page's model: what is new appended (padded with nulls for a series new in it), the
  // whole-run parts replaced, the time series cut to the dashboard's window. A whole model (a page's first, a page
  // far behind) replaces what the page holds.
  function merged(cur, next) {
    if (!next.delta || !followsOn(cur, next)) return next;
    const had = cur.times.length, added = next.times.length;
    const cat = (a, b) => (a || new Array(had).fill(null)).concat(b || new Array(added).fill(null));
    const catAll = (into, from, fields) => {
      for (const k of new Set([...Object.keys(into), ...Object.keys(from)])) {
        if (!fields) { into[k] = cat(into[k], from[k]); continue; }
        const o = into[k] || (into[k] = {});
        for (const f of fields) o[f] = cat(o[f], (from[k] || {})[f]);
        if (from[k] && from[k].contains) o.contains = from[k].contains;
      }
    };
    cur.times = cur.times.concat(next.times);
    catAll(cur.gauges, next.gauges);
    catAll(cur.counters, next.counters);
    catAll(cur.errors, next.errors);
    catAll(cur.rates, next.rates, ['passes', 'fails']);
    catAll(cur.trends, next.trends, ['p50', 'p95', 'p99', 'max', 'count']);
    cur.stalls = cur.stalls.filter((x) => x.start + x.durationMillis < next.stallsFrom).concat(next.stalls); // the update has the rest
    for (const k of ['run', 'end', 'runStart', 'intervalMillis', 'window', 'distributions', 'tables', 'checks', 'verdict', 'metrics']) cur[k] = next[k];
    const over = cur.times.length - next.window;
    if (over > 0) { // the window moves on: it starts where its first interval does
      cur.start = cur.times[over - 1];
      cur.intervalsCut += over;
      const cut = (a) => a.slice(over);
      cur.times = cut(cur.times);
      for (const group of [cur.gauges, cur.counters, cur.errors]) for (const k of Object.keys(group)) group[k] = cut(group[k]);
      for (const r of Object.values(cur.rates)) { r.passes = cut(r.passes); r.fails = cut(r.fails); }
      for (const t of Object.values(cur.trends)) for (const f of ['p50', 'p95', 'p99', 'max', 'count']) t[f] = cut(t[f]);
      cur.stalls = cur.stalls.filter((x) => x.start + x.durationMillis >= cur.start);
    }
    state.deltas++;
    return cur;
  }

  window.addEventListener('error', (e) => state.errors.push(String(e.message)));
  try {
    render();
  } catch (e) {
    state.errors.push(String(e && e.stack || e));
    throw e;
  }
  const follow = () => {
    const events = state.events = new EventSource(page.events || '/events');
    events.onerror = () => { if (events.readyState === EventSource.CLOSED) state.errors.push('the dashboard\'s event stream closed'); };
    events.addEventListener('model', (e) => {
      const next = JSON.parse(e.data);
      if (!followsOn(page.runs[0], next.run)) {
        events.close();
        follow();
        return;
      }
      page.runs = [merged(page.runs[0], next.run)];
      page.finished = next.finished;
      state.updates++;
      render();
      if (next.finished) events.close();
    });
  };
  if (page.mode === 'live' && !page.finished) follow();
})();
