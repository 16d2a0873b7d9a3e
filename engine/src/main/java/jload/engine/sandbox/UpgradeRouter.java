package jload.engine.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/** Sends each upgrade request to the endpoint its path names, or rejects it. */
final class UpgradeRouter {
    static final String REJECT_PATH = "/ws/reject";
    static final int DEFAULT_REJECT_STATUS = 503;

    private final Map<String, EndpointHandler> handlersByPath = new LinkedHashMap<>();

    UpgradeRouter(List<EndpointHandler> handlers) {
        for (EndpointHandler handler : handlers) handlersByPath.put(handler.endpoint().path, handler);
    }

    AcceptedConnection route(WebSocket connection, ClientHandshake request) throws UpgradeRejectedException {
        UpgradeTarget target = UpgradeTarget.parse(request.getResourceDescriptor());
        if (REJECT_PATH.equals(target.path())) throw requestedRejection(target);
        EndpointHandler handler = handlersByPath.get(target.path());
        if (handler == null) {
            throw new UpgradeRejectedException(404, "no WebSocket endpoint at " + target.path()
                    + "; try " + String.join(", ", handlersByPath.keySet()) + " or " + REJECT_PATH);
        }
        return new AcceptedConnection(handler.endpoint(), handler.accept(connection, target, request));
    }

    /** {@code /ws/reject?status=S}: lets a script check how it copes with an upgrade the server refuses. */
    private static UpgradeRejectedException requestedRejection(UpgradeTarget target) throws UpgradeRejectedException {
        int status = target.intParameter("status", DEFAULT_REJECT_STATUS);
        // 1xx would be read as an interim response (101 as a successful upgrade), so they cannot mean "rejected".
        if (status < 200 || status > 599) {
            throw new UpgradeRejectedException(400, "status must be between 200 and 599, got " + status);
        }
        return new UpgradeRejectedException(status, "upgrade rejected as requested (status=" + status + ")");
    }
}
