package dev.flows.api.error;

/**
 * The disk under a channel or a state store has no room: the append was refused and nothing of it is
 * acknowledged, while reads keep working. Retryable: appends succeed again once space is freed.
 */
public class StorageFullException extends StorageException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
