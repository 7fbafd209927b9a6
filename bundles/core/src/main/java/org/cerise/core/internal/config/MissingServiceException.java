package org.cerise.core.internal.config;

import org.cerise.api.ConfigException;

/**
 * An app needs a tool or dispatcher that is not registered: not a mistake in the app, so the
 * app waits for it instead of failing.
 */
public final class MissingServiceException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;

    /**
     * @param kind   {@code tool} or {@code dispatcher}
     * @param name   the missing service's name
     * @param needer what needs it (e.g. the config key)
     */
    public MissingServiceException(String kind, String name, String needer) {
        super(needer + " needs the " + kind + " '" + name + "', which is not installed");
        this.kind = kind;
        this.name = name;
    }

    /** @return {@code tool} or {@code dispatcher} */
    public String kind() {
        return kind;
    }

    /** @return the missing name */
    public String name() {
        return name;
    }
}
