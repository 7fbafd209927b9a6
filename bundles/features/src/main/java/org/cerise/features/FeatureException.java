package org.cerise.features;

/**
 * A feature could not be installed or removed; nothing was changed. The message is a sentence
 * naming the feature, and the file, key, bundle or requirement at fault.
 */
public class FeatureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the request failed, so that callers can answer in kind (an HTTP status, say). */
    public enum Reason {
        /** No feature has that id or name. */
        UNKNOWN,
        /** The request contradicts the current state: already installed, not installed, protected. */
        CONFLICT,
        /** The feature's descriptor is malformed. */
        INVALID,
        /** A bundle of the feature is missing, cannot be resolved, or failed to start. */
        FAILED,
        /**
         * The feature cannot be removed: bundles that would stay installed are wired to bundles
         * the removal would uninstall (they import its packages, say) and would no longer resolve.
         */
        IN_USE
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message a sentence saying what was wrong
     */
    public FeatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason  why
     * @param message a sentence saying what was wrong
     * @param cause   the underlying failure
     */
    public FeatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the request failed */
    public Reason reason() {
        return reason;
    }
}
