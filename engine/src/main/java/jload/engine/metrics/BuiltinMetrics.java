package jload.engine.metrics;

/** The metrics the engine itself records, under k6's names. */
public final class BuiltinMetrics {
    public final Metric iterations;
    public final Metric iterationDuration;
    /** Arrival-rate executors only: each iteration timed from when it was meant to start (coordinated omission). */
    public final Metric iterationDurationFromIntended;
    public final Metric droppedIterations;
    public final Metric vus;
    public final Metric vusMax;
    public final Metric checks;
    public final Metric groupDuration;
    public final Metric dataSent;
    // HTTP (k6/http): k6's names, types and tags.
    public final Metric httpReqs, httpReqDuration, httpReqBlocked, httpReqConnecting, httpReqTlsHandshaking, httpReqSending,
            httpReqWaiting, httpReqReceiving, httpReqFailed;
    public final Metric dataReceived;
    // WebSocket (k6's names, plus jload's ws_rtt and ws_errors)
    public final Metric wsConnecting;
    public final Metric wsSessionDuration;
    public final Metric wsSessions;
    public final Metric wsMsgsSent;
    public final Metric wsMsgsReceived;
    public final Metric wsPing;
    /** jload: a send → its matching reply, as the synchronous API's expect() sees it. */
    public final Metric wsRtt;
    /** jload: failed connects and abnormal closes, tagged with kind (and status). */
    public final Metric wsErrors;
    /** jload: jload/ws sockets jload closed because the iteration that opened them ended (not persisted). */
    public final Metric wsSessionsClosedByJload;
    // Socket.IO (jload/socketio; k6 has none)
    /** Dial → the namespace's CONNECT answered (Engine.IO open and Socket.IO connect included). */
    public final Metric sioConnecting;
    public final Metric sioSessions;
    public final Metric sioEventsSent;
    public final Metric sioEventsReceived;
    /** An emit → its ack, both timed on the event loop. */
    public final Metric sioAckDuration;
    /** The last emit → the event an expect() accepted, both timed on the event loop. */
    public final Metric sioRtt;
    /** Failed connects, protocol faults and dead connections, tagged with kind. */
    public final Metric sioErrors;
    /** Sessions that ended, tagged with reason (client, server, transport close, ping timeout). */
    public final Metric sioDisconnects;
    // The target's own metrics (jload/metrics scrape)
    /** A scrape's request written → its answer read. */
    public final Metric targetScrapeDuration;
    /** Scrapes that failed, tagged with kind (connect, timeout, status, format). */
    public final Metric targetScrapeErrors;
    // Redis (jload/redis)
    /** A command written → its reply read, tagged with command and server. */
    public final Metric redisCommandDuration;
    /** Failed calls, tagged with command and kind (timeout, server, disconnected, other; backlog_full: a subscription's message dropped). */
    public final Metric redisErrors;
    public final Metric redisMessagesReceived;
    /** A Redis connection of the run that came back after it was lost. */
    public final Metric redisReconnects;
    /** A stamped publish → a WebSocket frame carrying its stamp read on the event loop (FanoutStamps). */
    public final Metric fanoutLatency;
    // MongoDB (jload/mongo)
    /** An operation called → its answer, tagged with op and collection. */
    public final Metric mongoOpDuration;
    /** Failed operations, tagged with op and kind (timeout, connection, server, input, other). */
    public final Metric mongoErrors;

    public BuiltinMetrics(MetricRegistry registry) {
        iterations = registry.register("iterations", MetricType.COUNTER, ValueKind.DEFAULT);
        iterationDuration = registry.register("iteration_duration", MetricType.TREND, ValueKind.TIME);
        iterationDurationFromIntended = registry.registerJloadOnly("iteration_duration_from_intended", MetricType.TREND, ValueKind.TIME);
        droppedIterations = registry.register("dropped_iterations", MetricType.COUNTER, ValueKind.DEFAULT);
        vus = registry.register("vus", MetricType.GAUGE, ValueKind.DEFAULT);
        vusMax = registry.register("vus_max", MetricType.GAUGE, ValueKind.DEFAULT);
        checks = registry.register("checks", MetricType.RATE, ValueKind.DEFAULT);
        groupDuration = registry.register("group_duration", MetricType.TREND, ValueKind.TIME);
        dataSent = registry.register("data_sent", MetricType.COUNTER, ValueKind.DATA);
        dataReceived = registry.register("data_received", MetricType.COUNTER, ValueKind.DATA);
        httpReqs = registry.register("http_reqs", MetricType.COUNTER, ValueKind.DEFAULT);
        httpReqDuration = registry.register("http_req_duration", MetricType.TREND, ValueKind.TIME);
        httpReqBlocked = registry.register("http_req_blocked", MetricType.TREND, ValueKind.TIME);
        httpReqConnecting = registry.register("http_req_connecting", MetricType.TREND, ValueKind.TIME);
        httpReqTlsHandshaking = registry.register("http_req_tls_handshaking", MetricType.TREND, ValueKind.TIME);
        httpReqSending = registry.register("http_req_sending", MetricType.TREND, ValueKind.TIME);
        httpReqWaiting = registry.register("http_req_waiting", MetricType.TREND, ValueKind.TIME);
        httpReqReceiving = registry.register("http_req_receiving", MetricType.TREND, ValueKind.TIME);
        httpReqFailed = registry.register("http_req_failed", MetricType.RATE, ValueKind.DEFAULT);
        wsConnecting = registry.register("ws_connecting", MetricType.TREND, ValueKind.TIME);
        wsSessionDuration = registry.register("ws_session_duration", MetricType.TREND, ValueKind.TIME);
        wsSessions = registry.register("ws_sessions", MetricType.COUNTER, ValueKind.DEFAULT);
        wsMsgsSent = registry.register("ws_msgs_sent", MetricType.COUNTER, ValueKind.DEFAULT);
        wsMsgsReceived = registry.register("ws_msgs_received", MetricType.COUNTER, ValueKind.DEFAULT);
        wsPing = registry.register("ws_ping", MetricType.TREND, ValueKind.TIME);
        wsRtt = registry.registerJloadOnly("ws_rtt", MetricType.TREND, ValueKind.TIME);
        wsErrors = registry.registerJloadOnly("ws_errors", MetricType.COUNTER, ValueKind.DEFAULT);
        wsSessionsClosedByJload = registry.registerJloadOnly("ws_sessions_closed_by_jload", MetricType.COUNTER, ValueKind.DEFAULT);
        sioConnecting = registry.registerJloadOnly("sio_connecting", MetricType.TREND, ValueKind.TIME);
        sioSessions = registry.registerJloadOnly("sio_sessions", MetricType.COUNTER, ValueKind.DEFAULT);
        sioEventsSent = registry.registerJloadOnly("sio_events_sent", MetricType.COUNTER, ValueKind.DEFAULT);
        sioEventsReceived = registry.registerJloadOnly("sio_events_received", MetricType.COUNTER, ValueKind.DEFAULT);
        sioAckDuration = registry.registerJloadOnly("sio_ack_duration", MetricType.TREND, ValueKind.TIME);
        sioRtt = registry.registerJloadOnly("sio_rtt", MetricType.TREND, ValueKind.TIME);
        sioErrors = registry.registerJloadOnly("sio_errors", MetricType.COUNTER, ValueKind.DEFAULT);
        sioDisconnects = registry.registerJloadOnly("sio_disconnects", MetricType.COUNTER, ValueKind.DEFAULT);
        targetScrapeDuration = registry.registerJloadOnly("target_scrape_duration", MetricType.TREND, ValueKind.TIME);
        targetScrapeErrors = registry.registerJloadOnly("target_scrape_errors", MetricType.COUNTER, ValueKind.DEFAULT);
        redisCommandDuration = registry.registerJloadOnly("redis_command_duration", MetricType.TREND, ValueKind.TIME);
        redisErrors = registry.registerJloadOnly("redis_errors", MetricType.COUNTER, ValueKind.DEFAULT);
        redisMessagesReceived = registry.registerJloadOnly("redis_messages_received", MetricType.COUNTER, ValueKind.DEFAULT);
        redisReconnects = registry.registerJloadOnly("redis_reconnects", MetricType.COUNTER, ValueKind.DEFAULT);
        fanoutLatency = registry.registerJloadOnly("fanout_latency", MetricType.TREND, ValueKind.TIME);
        mongoOpDuration = registry.registerJloadOnly("mongo_op_duration", MetricType.TREND, ValueKind.TIME);
        mongoErrors = registry.registerJloadOnly("mongo_errors", MetricType.COUNTER, ValueKind.DEFAULT);
    }
}
