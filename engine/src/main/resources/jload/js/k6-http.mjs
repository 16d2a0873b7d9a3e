// k6/http: k6's HTTP API on jload's HTTP client (HTTP/1.1, and HTTP/2 by ALPN; keep-alive per VU, redirects,
// wire-measured timings, k6's http_req_* metrics, tags and error codes).
//
//   import http from 'k6/http';
//   const res = http.post(`${base}/login`, JSON.stringify({ user: 'a' }), { headers: { 'Content-Type': 'application/json' } });
//   const token = res.json('token');
//   http.get(`${base}/items`, { tags: { name: 'items' }, timeout: '5s' });
//
// Params: headers, tags, timeout, redirects, responseType ('text', 'binary' or 'none'), responseCallback, cookies,
// jar (the VU's, or a new http.CookieJar()), compression, auth. Bodies: a string, an ArrayBuffer or typed array, or an
// object: form-encoded, or multipart when a value is an http.file(). http.batch runs requests in parallel.
// Not in jload: html(), ntlm, br and zstd (docs/k6-compatibility.md).

function formEncode(obj) {
  return Object.entries(obj)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v === null || v === undefined ? '' : String(v))}`)
    .join('&');
}

// A gjson-like selector, the subset k6 scripts use: dot paths, array indexes, and # for an array's length.
function select(value, selector) {
  let v = value;
  for (const part of String(selector).split('.')) {
    if (v === null || v === undefined) return undefined;
    if (part === '#' && Array.isArray(v)) v = v.length;
    else v = v[Array.isArray(v) && /^\d+$/.test(part) ? Number(part) : part];
  }
  return v;
}

class Response {
  json(selector) {
    if (this.body === null || this.body === undefined) throw new Error('cannot parse the response body as JSON: the body is empty or was discarded (responseType none)');
    const parsed = JSON.parse(this.body);
    return selector === undefined ? parsed : select(parsed, selector);
  }
  html() { throw new Error('jload: Response.html() is not supported; parse the body yourself'); }
  clickLink() { throw new Error('jload: Response.clickLink() is not supported'); }
  submitForm() { throw new Error('jload: Response.submitForm() is not supported'); }
}

// A field computed when the script first reads it (then an ordinary property): a response is made per request,
// and most scripts read its status and little else. Enumerable, so JSON.stringify(res) still shows everything.
function lazy(obj, name, make) {
  Object.defineProperty(obj, name, {
    enumerable: true,
    configurable: true,
    get() {
      const v = make();
      Object.defineProperty(obj, name, { value: v, writable: true, enumerable: true, configurable: true });
      return v;
    },
    set(v) { Object.defineProperty(obj, name, { value: v, writable: true, enumerable: true, configurable: true }); },
  });
}

function toResponse(h, binary) {
  const r = new Response();
  r.status = h.status();
  r.status_text = h.statusText();
  r.proto = h.proto();
  r.url = h.url();
  r.error = h.error();
  r.error_code = h.errorCode();
  r.remote_ip = h.remoteIp();
  r.remote_port = h.remotePort();
  r.tls_version = h.tlsVersion();
  r.tls_cipher_suite = h.tlsCipherSuite();
  lazy(r, 'body', () => {
    if (!binary) return h.body();
    const buffer = h.bodyBuffer();
    return buffer === null ? null : new ArrayBuffer(buffer);
  });
  lazy(r, 'headers', () => JSON.parse(h.headersJson()));
  lazy(r, 'timings', () => {
    const t = h.timings();
    return { blocked: t[0], looking_up: 0, connecting: t[1], tls_handshaking: t[2], sending: t[3], waiting: t[4], receiving: t[5], duration: t[6] };
  });
  lazy(r, 'cookies', () => JSON.parse(h.cookiesJson()));
  lazy(r, 'request', () => JSON.parse(h.requestJson()));
  return r;
}

const isFile = (v) => v !== null && typeof v === 'object' && v.__jloadFile === true;

// http.file(data, filename, contentType): a file part of a multipart body (data: a string or bytes).
export function file(data, filename, contentType = 'application/octet-stream') {
  if (data === null || data === undefined) throw new Error('http.file: missing data');
  const name = filename ?? `file-${Date.now()}`;
  return Object.freeze({ __jloadFile: true, data, filename: name, content_type: contentType });
}

function multipart(obj) {
  const boundary = `jload${Math.random().toString(16).slice(2)}${Math.random().toString(16).slice(2)}`;
  const parts = [];
  for (const [name, v] of Object.entries(obj)) {
    if (isFile(v)) parts.push({ name, data: v.data, filename: v.filename, contentType: v.content_type });
    else parts.push({ name, value: v === null || v === undefined ? '' : String(v) });
  }
  return { boundary, body: { __jloadMultipart: parts, boundary } };
}

function callbackStatuses(cb) {
  if (cb === null) return null;
  if (cb && Array.isArray(cb.__jloadExpectedStatuses)) return cb.__jloadExpectedStatuses;
  throw new Error('responseCallback: expected the value of http.expectedStatuses(...) or null');
}

// The request as jload's client takes it: {method, url, body (text or null), params}.
// Params cross as JSON text; jload's side keeps the last one parsed, so the same params cost one parse.
const jsonOf = (p) => JSON.stringify(p);

function prepare(method, url, body, params = {}) {
  const given = params ?? {};
  const needsCopy = (url && url.__jloadUrl) || 'jar' in given || 'responseCallback' in given
    || (body !== null && body !== undefined && typeof body === 'object' && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body));
  const p = needsCopy ? { ...given } : given;
  let target = url;
  if (url && url.__jloadUrl) {
    target = url.url;
    p.tags = { name: url.name, ...(p.tags ?? {}) };
  }
  let jar = null;
  if ('jar' in p) {
    if (p.jar !== null && p.jar !== undefined) {
      if (!JAR_HANDLES.has(p.jar)) throw new Error('params.jar: expected a cookie jar (http.cookieJar() or a new http.CookieJar())');
      jar = JAR_HANDLES.get(p.jar);
    }
    delete p.jar;
  }
  if ('responseCallback' in p) {
    p.expectedStatuses = callbackStatuses(p.responseCallback);
    delete p.responseCallback;
  }
  let payload = null;
  if (body !== null && body !== undefined) {
    if (typeof body === 'string') payload = body;
    else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) payload = body;
    else if (typeof body === 'object') {
      const headers = { ...(p.headers ?? {}) };
      const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
      if (Object.values(body).some(isFile)) {
        const m = multipart(body);
        payload = m.body;
        for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
        headers['Content-Type'] = `multipart/form-data; boundary=${m.boundary}`;
      } else {
        payload = formEncode(body);
        if (!hasType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      p.headers = headers;
    } else payload = String(body);
  }
  return { method: String(method), url: String(target), body: payload, params: p, binary: p.responseType === 'binary', jar };
}

export function request(method, url, body, params = {}) {
  const r = prepare(method, url, body, params);
  return toResponse(globalThis.__jload_http.request(r.method, r.url, r.body, jsonOf(r.params), r.jar), r.binary);
}

// One batch entry as k6 reads it: a URL, [method, url, body, params], or {method, url, body, params}.
function batchEntry(key, v) {
  if (typeof v === 'string' || (v && v.__jloadUrl)) return prepare('GET', v, null, {});
  if (Array.isArray(v)) {
    if (v.length < 2) throw new Error(`invalid batch request '${JSON.stringify(v)}'`);
    return prepare(v[0], v[1], v[2], v[3]);
  }
  if (v && typeof v === 'object') {
    if (!('url' in v)) throw new Error(`batch request ${key} doesn't have a url key`);
    return prepare(v.method ?? 'GET', v.url, v.body, v.params);
  }
  throw new Error(`invalid batch request '${JSON.stringify(v)}'`);
}

// Requests in parallel on the VU's connections (options.batch at once, batchPerHost per host); the responses in
// the same shape: an array for an array, an object with the same keys for an object.
export function batch(...args) {
  if (args.length === 0) throw new Error('no argument was provided to http.batch()');
  if (args.length > 1) throw new Error('http.batch() accepts only an array or an object of requests');
  const reqs = args[0];
  const keys = Array.isArray(reqs) ? reqs.map((_, i) => i) : Object.keys(reqs ?? {});
  if (!Array.isArray(reqs) && (reqs === null || typeof reqs !== 'object')) throw new Error(`invalid http.batch() argument type ${typeof reqs}`);
  const prepared = keys.map((k) => batchEntry(k, reqs[k]));
  const handles = globalThis.__jload_http.batch(prepared.map((r) => ({ method: r.method, url: r.url, body: r.body, params: jsonOf(r.params), jar: r.jar })));
  const results = prepared.map((r, i) => toResponse(handles[i], r.binary));
  if (Array.isArray(reqs)) return results;
  const out = {};
  keys.forEach((k, i) => { out[k] = results[i]; });
  return out;
}

export function get(url, params) { return request('GET', url, null, params); }
export function head(url, params) { return request('HEAD', url, null, params); }
export function post(url, body, params) { return request('POST', url, body, params); }
export function put(url, body, params) { return request('PUT', url, body, params); }
export function patch(url, body, params) { return request('PATCH', url, body, params); }
export function del(url, body, params) { return request('DELETE', url, body, params); }
export function options(url, body, params) { return request('OPTIONS', url, body, params); }

export function expectedStatuses(...statuses) {
  for (const s of statuses) {
    const ok = Number.isInteger(s) || (s && Number.isInteger(s.min) && Number.isInteger(s.max));
    if (!ok) throw new Error(`expectedStatuses: each argument must be an integer or {min, max} of integers, got ${JSON.stringify(s)}`);
  }
  return Object.freeze({ __jloadExpectedStatuses: statuses });
}

export function setResponseCallback(cb) {
  const statuses = callbackStatuses(cb);
  globalThis.__jload_http.setExpectedStatuses(statuses === null ? null : JSON.stringify(statuses));
}

// http.url`${base}/items/${id}`: the request's name tag is the template, so each id does not become a series of its own.
export function url(strings, ...values) {
  let name = strings[0];
  let full = strings[0];
  values.forEach((v, i) => {
    name += '${}' + strings[i + 1];
    full += String(v) + strings[i + 1];
  });
  return Object.freeze({ __jloadUrl: true, url: full, name, toString() { return full; } });
}

// Cookie jars. Each CookieJar holds a handle to its Java jar (null: the VU's, which is a new one each iteration, so
// its methods act on the current one). new http.CookieJar() is the script's own, kept across iterations, used by the
// requests whose params name it, as in k6.
const JAR_HANDLES = new WeakMap();
const VU_JAR_TOKEN = Symbol('the VU\'s jar');

export class CookieJar {
  constructor(token) {
    JAR_HANDLES.set(this, token === VU_JAR_TOKEN ? null : globalThis.__jload_http.newJar());
  }

  set(url, name, value, options = {}) {
    globalThis.__jload_http.jarSet(JAR_HANDLES.get(this), String(url), String(name), String(value), JSON.stringify(options ?? {}));
  }

  cookiesForURL(url) { return JSON.parse(globalThis.__jload_http.jarCookies(JAR_HANDLES.get(this), String(url))); }

  clear(url) { globalThis.__jload_http.jarClear(JAR_HANDLES.get(this), String(url)); }

  delete(url, name) { globalThis.__jload_http.jarDelete(JAR_HANDLES.get(this), String(url), String(name)); }
}

const VU_JAR = Object.freeze(new CookieJar(VU_JAR_TOKEN));

export function cookieJar() { return VU_JAR; }

export const TLS_1_0 = 'tls1.0';
export const TLS_1_1 = 'tls1.1';
export const TLS_1_2 = 'tls1.2';
export const TLS_1_3 = 'tls1.3';
export const OCSP_STATUS_GOOD = 'good';

export default Object.freeze({
  request, get, head, post, put, patch, del, options, expectedStatuses, setResponseCallback, url, batch, file, cookieJar, CookieJar,
  TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3, OCSP_STATUS_GOOD,
});
