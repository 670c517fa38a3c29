package dev.flows.api.error;

/** An outside system (a webhook receiver, a broker, a database) refused or failed a call. */
public class ConnectorException extends FlowsException {

    private final boolean retryable;

    public ConnectorException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
