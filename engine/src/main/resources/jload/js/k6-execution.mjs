// k6/execution: where in the test this VU is, and test.abort().
const b = () => globalThis.__jload;

export const vu = Object.freeze({
  get idInInstance() { return b().vuId(); },
  get idInTest() { return b().vuId(); },
  get iterationInInstance() { return b().iterationInScenario(); },
  get iterationInScenario() { return b().iterationInScenario(); },
});

export const scenario = Object.freeze({
  get name() { return b().scenarioName(); },
  get executor() { return b().executor(); },
  get startTime() { return Date.now() - b().scenarioElapsedMillis(); },
  get iterationInInstance() { return b().iterationInTest(); },
  get iterationInTest() { return b().iterationInTest(); },
});

export const instance = Object.freeze({
  get vusActive() { return b().vusActive(); },
  get vusInitialized() { return b().vusInitialized(); },
});

export const test = Object.freeze({
  abort(reason) { b().abort(reason === undefined ? '' : String(reason)); },
});

export default Object.freeze({ vu, scenario, instance, test });
