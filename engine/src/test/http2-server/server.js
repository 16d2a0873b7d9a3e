// An HTTP/2 server no one at jload wrote: Node's own http2 module over TLS (ALPN h2, HTTP/1.1 allowed too).
// Env: KEY and CERT (PEM files). Prints "LISTENING <port>" once it listens on 127.0.0.1.
const http2 = require('node:http2');
const fs = require('node:fs');
const zlib = require('node:zlib');

let sessions = 0;
const server = http2.createSecureServer({
  key: fs.readFileSync(process.env.KEY),
  cert: fs.readFileSync(process.env.CERT),
  allowHTTP1: true,
});
server.on('session', (session) => { session.jloadId = ++sessions; });

server.on('request', (req, res) => {
  const url = new URL(req.url, 'https://localhost');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const session = req.stream && req.stream.session ? req.stream.session.jloadId : 0;
    const answer = () => {
      if (url.pathname === '/big') { // 10 MB: far past the 64 KB default window, so flow control must work
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.alloc(10 * 1024 * 1024, 7));
        return;
      }
      if (url.pathname === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync('squeezed over h2 '.repeat(50)));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'node-http2' });
      res.end(JSON.stringify({
        method: req.method, body, httpVersion: req.httpVersion, session, path: url.pathname,
        userAgent: req.headers['user-agent'] || '', authority: req.headers[':authority'] || req.headers.host || '',
      }));
    };
    const delay = Number(url.searchParams.get('ms') || 0);
    if (delay > 0) setTimeout(answer, delay); else answer();
  });
});

server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));
