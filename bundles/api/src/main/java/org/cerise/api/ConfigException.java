package org.cerise.api;

/**
 * A configuration value, annotation or app structure that Cerise cannot use. The message says
 * which file, section, key or member was wrong and why; the app it belongs to does not mount
 * until it is fixed.
 */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file, section, key or member */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file, section, key or member
     * @param cause   the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
