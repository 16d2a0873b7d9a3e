package jload;

/**
 * A request's phases in ms, measured on the wire as k6 measures them: {@code blocked} from asking for a connection
 * to having one (dial and TLS included when it was new), {@code connecting} the TCP connect, {@code tlsHandshaking}
 * the TLS handshake, {@code sending} from having the connection to the request written, {@code waiting} from then to
 * the first response byte, {@code receiving} from then to the last; {@code duration} = sending + waiting + receiving.
 */
public record HttpTimings(double blocked, double connecting, double tlsHandshaking, double sending, double waiting,
                          double receiving, double duration) {
    public static final HttpTimings NONE = new HttpTimings(0, 0, 0, 0, 0, 0, 0);
}
