// The real socket.io 4.x server for jload's interop tests (SocketIoInteropTest). Listens on
// 127.0.0.1 on a free port and prints "LISTENING <port>". PING_INTERVAL / PING_TIMEOUT (ms) set
// Engine.IO's heartbeat, so the tests can see it within seconds.
const { createServer } = require('node:http');
const { Server } = require('socket.io');

const http = createServer();
const io = new Server(http, {
  pingInterval: Number(process.env.PING_INTERVAL || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT || 20000),
  transports: process.env.TRANSPORTS ? process.env.TRANSPORTS.split(',') : ['websocket', 'polling'],
});

let acks = 0;
function behaviours(socket) {
  socket.on('echo', (...args) => socket.emit('echo', ...args));
  socket.on('ack', (...args) => { const cb = args.pop(); acks++; cb(...args); });
  // The same shapes as jload's sandbox (SocketIoEndpoint), so one suite runs against both.
  const nsp = socket.nsp;
  socket.on('join', (room, cb) => {
    if (caps.subscriptions > 0 && !socket.rooms.has(room) && socket.rooms.size - 1 >= caps.subscriptions) { // rooms holds its own id
      socket.emit(caps.event, { code: 'subscription_limit', message: 'Subscription limit reached', room });
      if (cb) cb({ room, error: 'Subscription limit reached' });
      return;
    }
    socket.join(room);
    if (cb) cb({ room, members: nsp.adapter.rooms.get(room).size });
  });
  socket.on('leave', (room, cb) => { socket.leave(room); if (cb) cb({ room }); });
  socket.on('broadcast', (room, data, cb) => {
    const members = nsp.adapter.rooms.get(room);
    nsp.to(room).emit('broadcast', { room, from: socket.id, data, ts: Date.now() });
    if (cb) cb({ delivered: members ? members.size : 0 });
  });
  socket.on('disconnect-me', () => socket.disconnect(true));
  socket.on('leave-me', () => socket.disconnect()); // leaves the namespace only: the transport stays open
  // Asks the client a question (an ack the server waits for) and tells it the answer it got.
  socket.on('ask', async (q) => {
    try { socket.emit('answered', await socket.timeout(5000).emitWithAck('question', q)); } catch (e) { socket.emit('answered', null); }
  });
  // Bytes both ways: acks the attachment with a 255 appended, and emits it back as an event.
  socket.on('bin', (bytes, label, cb) => { cb(Buffer.concat([bytes, Buffer.from([255])]), label); socket.emit('bin', { label, bytes }); });
  socket.on('garbage', () => socket.conn.send('x-not-socket.io')); // an Engine.IO message that is no Socket.IO packet
  // Busy-waits: the whole process stops (no pings go out), as a server stuck in a long GC or a hot loop.
  socket.on('go-silent', (ms) => { const end = Date.now() + ms; while (Date.now() < end) { /* stuck */ } });
  socket.on('handshake', (cb) => cb({ auth: socket.handshake.auth, query: socket.handshake.query, origin: socket.handshake.headers.origin || null }));
}

// A gateway's guardrails, as seed 001's NestJS gateway enforces them (MAX_CONNECTIONS, MAX_PER_ORIGIN,
// MAX_SUBSCRIPTIONS, IDLE_TIMEOUT_MS; 0 = none): past a cap the socket is told on ERROR_EVENT ({code, message}) and,
// for a connection, disconnected; GET /metrics shows gateway_connections, _peak and _by_origin{origin}.
const caps = {
  connections: Number(process.env.MAX_CONNECTIONS || 0), perOrigin: Number(process.env.MAX_PER_ORIGIN || 0),
  subscriptions: Number(process.env.MAX_SUBSCRIPTIONS || 0), idleMs: Number(process.env.IDLE_TIMEOUT_MS || 0),
  event: process.env.ERROR_EVENT || 'novel.error',
};
const admitted = new Set();
const byOrigin = new Map();
let peak = 0;
function guardrails(socket) {
  const origin = socket.handshake.headers.origin || '';
  const refuse = (code, message) => { socket.emit(caps.event, { code, message }); socket.disconnect(true); };
  if (caps.connections > 0 && admitted.size >= caps.connections) return refuse('connection_limit', 'Too many realtime connections');
  if (caps.perOrigin > 0 && (byOrigin.get(origin) || 0) >= caps.perOrigin) return refuse('origin_limit', 'Too many connections from this origin');
  admitted.add(socket.id);
  byOrigin.set(origin, (byOrigin.get(origin) || 0) + 1);
  peak = Math.max(peak, admitted.size);
  socket.on('disconnect', () => { admitted.delete(socket.id); byOrigin.set(origin, byOrigin.get(origin) - 1); });
  if (caps.idleMs > 0) {
    let last = Date.now();
    socket.onAny(() => { last = Date.now(); });
    const timer = setInterval(() => {
      if (Date.now() - last >= caps.idleMs) { clearInterval(timer); refuse('idle_timeout', 'Disconnected due to inactivity.'); }
    }, Math.max(10, caps.idleMs / 20));
    socket.on('disconnect', () => clearInterval(timer));
  }
  behaviours(socket);
}

io.on('connection', guardrails);
const secure = io.of('/secure');
secure.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === process.env.GOOD_TOKEN) next();
  else next(new Error('not authorized'));
});
secure.on('connection', behaviours);

// BROADCAST_MS: every that many ms, a 'tick' to the room 'everyone' ({n, ts}: ts the send time, epoch ms with
// microseconds), for bench/socketio/broadcast.sh.
// emitMs: the time the server spent in its emits (it writes to each member's socket in turn), in all.
let ticks = 0, emitMs = 0;
if (process.env.BROADCAST_MS) {
  const { performance } = require('node:perf_hooks');
  setInterval(() => {
    ticks++;
    const start = performance.now();
    io.to('everyone').emit('tick', { n: ticks, ts: performance.timeOrigin + start });
    emitMs += performance.now() - start;
  }, Number(process.env.BROADCAST_MS));
}

// GET /stats: connected clients, acks given, ticks sent and the room's members, for the benchmarks' steady-state windows.
http.on('request', (req, res) => {
  if (req.url === '/metrics') {
    let text = `gateway_connections ${admitted.size}\ngateway_connections_peak ${peak}\ngateway_bus_relayed_total ${relayed}\n`
      + `gateway_redis_reconnects_total ${redisReconnects}\n`;
    for (const [origin, n] of byOrigin) text += `gateway_connections_by_origin{origin="${origin}"} ${n}\n`;
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    res.end(text);
    return;
  }
  if (req.url === '/stats') {
    const room = io.sockets.adapter.rooms.get('everyone');
    res.end(JSON.stringify({ clients: io.engine.clientsCount, acks, ticks, members: room ? room.size : 0, emitMs: Math.round(emitMs) }));
  }
});

// REDIS_URL: this server is one instance of a gateway cluster. @socket.io/redis-adapter carries every room emit to
// the other instances through that Redis; with BUS_CHANNEL, this instance also relays each JSON object {room, event?,
// …} published there to the room as `event` (default 'broadcast') {room, from: 'redis', data: <the object>, ts} —
// seed 001's gateway behind its novel.realtime.events channel. The Redis clients reconnect (and subscribe again) by
// themselves after an outage, as a production gateway's would; what was published meanwhile is lost.
let relayed = 0, redisReconnects = 0;
async function joinCluster() {
  const { createClient } = require('redis');
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pub = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: (n) => Math.min(50 * (n + 1), 1000) } });
  const sub = pub.duplicate();
  const clients = [pub, sub];
  if (process.env.BUS_CHANNEL) clients.push(pub.duplicate());
  for (const c of clients) {
    c.on('error', () => {}); // an outage is a test's drill: the client reconnects on its own
    c.on('reconnecting', () => { redisReconnects++; });
  }
  await Promise.all(clients.map((c) => c.connect()));
  io.adapter(createAdapter(pub, sub));
  if (process.env.BUS_CHANNEL) {
    await clients[2].subscribe(process.env.BUS_CHANNEL, (text) => {
      let msg;
      try { msg = JSON.parse(text); } catch { return; }
      if (msg === null || typeof msg !== 'object' || typeof msg.room !== 'string') return;
      relayed++;
      io.to(msg.room).emit(typeof msg.event === 'string' ? msg.event : 'broadcast', { room: msg.room, from: 'redis', data: msg, ts: Date.now() });
    });
  }
}

(process.env.REDIS_URL ? joinCluster() : Promise.resolve()).then(
  () => http.listen(0, '127.0.0.1', () => console.log(`LISTENING ${http.address().port}`)),
  (e) => { console.error(`could not join the cluster through ${process.env.REDIS_URL}: ${e.message}`); process.exit(1); });
process.on('SIGTERM', () => process.exit(0));
