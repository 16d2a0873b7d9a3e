package jload.engine.sandbox;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/** One WebSocket endpoint: decides during the upgrade whether to accept a client, and starts its session. */
interface EndpointHandler {
    Endpoint endpoint();

    /** Called before the 101 response is sent; throwing turns the upgrade into an HTTP error response. */
    EndpointSession accept(WebSocket connection, UpgradeTarget target, ClientHandshake request) throws UpgradeRejectedException;
}
