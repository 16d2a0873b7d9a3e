// jload's own module: the core verbs in one import. Later issues add socketio, redis, mongo, http.
export { check, group, sleep, fail, randomSeed } from 'k6';
export { Counter, Gauge, Rate, Trend } from 'k6/metrics';
export { SharedArray } from 'k6/data';
import exec from 'k6/execution';
export { exec };
export { ws } from 'jload/ws';
