// Socket.IO v4 over a plain WebSocket (k6/ws), for scenarios that must run unchanged under k6, which has no
// Socket.IO client. Engine.IO's packet type is the first character ('0' open, '2' ping, '3' pong, '4' message);
// in a message, Socket.IO's follows ('0' connect, '1' disconnect, '2' event, '4' connect error). An event in the
// default namespace is 42["name", ...args].
//
//   ws.connect(url, {}, (socket) => {
//     speakSocketIo(socket, {
//       connected: () => socket.send(emitFrame('visitor:join', { orgId })),
//       event: (name, data) => { … },
//     });
//   });

/** The URL of a Socket.IO server's WebSocket transport. */
export function socketIoUrl(serverUrl) {
  return `${serverUrl.replace(/\/$/, '')}/socket.io/?EIO=4&transport=websocket`;
}

/** The frame that emits `event` with `args` in the default namespace. */
export function emitFrame(event, ...args) {
  return `42${JSON.stringify([event, ...args])}`;
}

/** The frame that leaves the default namespace (the server then drops the connection). */
export const DISCONNECT_FRAME = '41';

/**
 * Speaks Socket.IO on a k6/ws socket: joins the default namespace once Engine.IO is open, answers the server's
 * heartbeat, and hands the rest to the handlers — connected() once the namespace accepted, connectError(message)
 * when it refused, event(name, ...args) for each event. The seed's script left out the heartbeat answer for some
 * sockets; without it the server drops the connection after pingInterval + pingTimeout (45 s by default).
 */
export function speakSocketIo(socket, handlers) {
  socket.on('message', (frame) => {
    if (frame === '2') {
      socket.send('3');
    } else if (frame.startsWith('0')) {
      socket.send('40');
    } else if (frame.startsWith('40')) {
      if (handlers.connected) handlers.connected();
    } else if (frame.startsWith('44')) {
      if (handlers.connectError) handlers.connectError(JSON.parse(frame.slice(2) || '{}').message || frame);
    } else if (frame.startsWith('42')) {
      const data = JSON.parse(frame.slice(frame.indexOf('[')));
      if (handlers.event) handlers.event(...data);
    }
  });
}
