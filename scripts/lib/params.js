// Reading a scenario's -e parameters: each with a default, checked once in the init context so a wrong value
// stops the run before it starts, naming the parameter and what was expected.
//
//   import { str, int, bool, duration, list } from './lib/params.js';
//   const CONNECTIONS = int('CONNECTIONS', 50);
//   const SESSION_MS = duration('SESSION', '60s');

function given(name) {
  const v = __ENV[name];
  return v === undefined || v === '' ? undefined : String(v);
}

function refuse(name, value, expected) {
  throw new Error(`-e ${name}=${value}: expected ${expected}`);
}

/** The text of a parameter, or the default. */
export function str(name, fallback) {
  const v = given(name);
  return v === undefined ? fallback : v;
}

/** Text as a whole number ≥ min; `name` names the parameter when it is not one. */
export function toInt(text, name, min = 0) {
  const t = String(text).trim();
  if (!/^\d+$/.test(t) || Number(t) < min) refuse(name, t, `a whole number of at least ${min}`);
  return Number(t);
}

/** Text as a number (a rate, a bound). */
export function toNum(text, name) {
  const t = String(text).trim();
  if (t === '' || !Number.isFinite(Number(t))) refuse(name, t, 'a number');
  return Number(t);
}

/** A whole number ≥ min. */
export function int(name, fallback, min = 0) {
  const v = given(name);
  return v === undefined ? fallback : toInt(v, name, min);
}

/** A number (a rate, a bound). */
export function num(name, fallback) {
  const v = given(name);
  return v === undefined ? fallback : toNum(v, name);
}

/** true / false (also 1 / 0, yes / no). */
export function bool(name, fallback) {
  const v = given(name);
  if (v === undefined) return fallback;
  const t = v.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no'].includes(t)) return false;
  return refuse(name, v, 'true or false');
}

const UNITS = { ms: 1, s: 1000, m: 60000, h: 3600000 };

/** A k6 duration ("500ms", "1m30s", "10s"; a bare number is milliseconds), in milliseconds. */
export function toMs(text, name = 'a duration') {
  const t = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) refuse(name, t, 'a duration such as 500ms, 10s or 1m30s');
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
}

/** A duration parameter, in milliseconds. */
export function duration(name, fallback) {
  return toMs(str(name, fallback), name);
}

/** A comma-separated list (empty items dropped). */
export function list(name, fallback) {
  return str(name, fallback).split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Header lines 'Name: value' separated by ';', as an object. */
export function headers(name) {
  const out = {};
  for (const line of str(name, '').split(';')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) refuse(name, line, "'Name: value' lines separated by ';'");
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** Seconds as k6 writes a duration in options ("12.5s"). */
export function seconds(ms) {
  return `${ms / 1000}s`;
}
