package jload.engine.sandbox;

/** An upgrade request the sandbox answers with a plain HTTP error instead of {@code 101 Switching Protocols}. */
final class UpgradeRejectedException extends Exception {
    private final int status;

    UpgradeRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }

    String reason() {
        return getMessage();
    }
}
