package dev.flows.api.error;

/**
 * The disk under a channel or a state store failed or holds something unreadable. The operator must act
 * (free space, restore a file); the message names the file and the byte offset.
 */
public class StorageException extends FlowsException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
