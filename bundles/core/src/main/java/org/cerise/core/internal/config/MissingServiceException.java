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
     * @param why    what asks for it, e.g. {@code tools.gzip.on = True in bundle x entry /app.conf, line 3, section [/]}
     */
    public MissingServiceException(String kind, String name, String why) {
        this(kind, name, "the " + kind + " '" + name + "' is not installed (" + why + ")", true);
    }

    /**
     * @param kind    what is missing, e.g. {@code mount point}
     * @param name    its name
     * @param message the whole sentence
     * @param full    marks this constructor
     */
    public MissingServiceException(String kind, String name, String message, boolean full) {
        super(message);
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
