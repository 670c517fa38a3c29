package dev.flows.api.error;

/** A setting given to Flows (flag, environment variable, file) is wrong; whoever configured Flows must act. */
public class ConfigurationException extends FlowsException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
