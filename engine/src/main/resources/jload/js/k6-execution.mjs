// k6/execution: where in the test this VU is, and test.abort().
const b = () => globalThis.__jload;

// exec.vu.tags: reads show the VU's current tags; writes tag every later sample of this VU.
const tags = new Proxy({}, {
  get(target, key) { return typeof key === 'string' ? JSON.parse(b().tagsJson())[key] : undefined; },
  set(target, key, value) { b().setTag(String(key), value); return true; },
  has(target, key) { return key in JSON.parse(b().tagsJson()); },
  ownKeys() { return Object.keys(JSON.parse(b().tagsJson())); },
  getOwnPropertyDescriptor(target, key) {
    const all = JSON.parse(b().tagsJson());
    return key in all ? { value: all[key], writable: true, enumerable: true, configurable: true } : undefined;
  },
  deleteProperty() { throw new TypeError('exec.vu.tags: a tag cannot be removed'); },
});

export const vu = Object.freeze({
  get idInInstance() { return b().vuId(); },
  get idInTest() { return b().vuId(); },
  get iterationInInstance() { return b().iterationInScenario(); },
  get iterationInScenario() { return b().iterationInScenario(); },
  get tags() { return tags; },
});

export const scenario = Object.freeze({
  get name() { return b().scenarioName(); },
  get executor() { return b().executor(); },
  get startTime() { return Date.now() - b().scenarioElapsedMillis(); },
  get iterationInInstance() { return b().iterationInTest(); },
  get iterationInTest() { return b().iterationInTest(); },
  get progress() { return b().scenarioProgress(); },
});

export const instance = Object.freeze({
  get vusActive() { return b().vusActive(); },
  get vusInitialized() { return b().vusInitialized(); },
  get iterationsCompleted() { return b().iterationsCompleted(); },
  get iterationsInterrupted() { return b().iterationsInterrupted(); },
  get currentTestRunDuration() { return b().testRunDurationMillis(); },
});

export const test = Object.freeze({
  abort(reason) { b().abort(reason === undefined ? '' : String(reason)); },
  fail(reason) { b().fail(reason === undefined ? '' : String(reason)); },
});

export default Object.freeze({ vu, scenario, instance, test });
