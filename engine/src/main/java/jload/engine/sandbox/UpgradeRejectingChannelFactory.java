package jload.engine.sandbox;

import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.server.DefaultWebSocketServerFactory;

/** Java-WebSocket's default connection factory, with every socket wrapped in an {@link UpgradeRejectingChannel}. */
final class UpgradeRejectingChannelFactory implements WebSocketServerFactory {
    private final DefaultWebSocketServerFactory defaults = new DefaultWebSocketServerFactory();

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter listener, Draft draft) {
        return defaults.createWebSocket(listener, draft);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter listener, List<Draft> drafts) {
        return defaults.createWebSocket(listener, drafts);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
        return new UpgradeRejectingChannel(channel);
    }

    @Override
    public void close() {
        defaults.close();
    }
}
