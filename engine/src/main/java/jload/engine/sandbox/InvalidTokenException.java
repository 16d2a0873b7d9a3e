package jload.engine.sandbox;

/** A presence token that is malformed, wrongly signed, or expired; the message says which, for the 401 body. */
final class InvalidTokenException extends Exception {
    InvalidTokenException(String reason) {
        super(reason);
    }
}
