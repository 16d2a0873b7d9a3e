// A bundled re-implementation of https://jslib.k6.io/k6-utils/1.x/index.js, so ported scripts run offline.
import { sleep } from 'k6';

export function randomIntBetween(min, max) {
  return Math.floor(Math.random() * (max - min + 1) + min);
}

export function randomItem(array) {
  return array[Math.floor(Math.random() * array.length)];
}

export function randomString(length, charset = 'abcdefghijklmnopqrstuvwxyz') {
  let out = '';
  for (let i = 0; i < length; i++) out += charset.charAt(Math.floor(Math.random() * charset.length));
  return out;
}

export function uuidv4(secure = false) {
  const hex = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(Math.random() * 256));
  hex[6] = (hex[6] & 0x0f) | 0x40;
  hex[8] = (hex[8] & 0x3f) | 0x80;
  const h = hex.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function findBetween(content, left, right, repeat = false) {
  const found = [];
  let from = 0;
  for (;;) {
    const start = content.indexOf(left, from);
    if (start === -1) break;
    const end = content.indexOf(right, start + left.length);
    if (end === -1) break;
    found.push(content.substring(start + left.length, end));
    if (!repeat) break;
    from = end + right.length;
  }
  return repeat ? found : (found.length ? found[0] : null);
}

export function normalDistributionStages(maxVus, durationSeconds, numberOfStages = 10) {
  const stages = [];
  const step = durationSeconds / numberOfStages;
  for (let i = 0; i < numberOfStages; i++) {
    const x = (i + 0.5) / numberOfStages * 6 - 3;
    stages.push({ duration: `${Math.round(step)}s`, target: Math.round(maxVus * Math.exp(-x * x / 2)) });
  }
  stages.push({ duration: `${Math.round(step)}s`, target: 0 });
  return stages;
}

export function randomIntBetweenSleep(min, max) {
  sleep(randomIntBetween(min, max));
}

export function getCurrentStageIndex() {
  throw new Error('getCurrentStageIndex is not supported by jload yet');
}

export function tagWithCurrentStageIndex() {
  throw new Error('tagWithCurrentStageIndex is not supported by jload yet');
}

export function tagWithCurrentStageProfile() {
  throw new Error('tagWithCurrentStageProfile is not supported by jload yet');
}
