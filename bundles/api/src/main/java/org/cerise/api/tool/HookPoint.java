package org.cerise.api.tool;

/**
 * CherryPy's eight hook points, in the order a request meets them.
 *
 * <ol>
 * <li>{@link #ON_START_RESOURCE}: after the dispatcher chose the handler and config, before
 * the query string is parsed.</li>
 * <li>{@link #BEFORE_REQUEST_BODY}: before the body is read (turn body processing off here to
 * read it yourself).</li>
 * <li>{@link #BEFORE_HANDLER}: before the handler; a hook may answer instead of it by setting
 * the response and {@code request.setHandler(null)}, or wrap it.</li>
 * <li>{@link #BEFORE_FINALIZE}: after the handler (or an {@code HttpError}/{@code HttpRedirect}
 * response), before status and headers are finalized.</li>
 * <li>{@link #ON_END_RESOURCE}: always, after the response is finalized or failed.</li>
 * <li>{@link #BEFORE_ERROR_RESPONSE}: an unexpected exception happened; before the 500 page
 * is built.</li>
 * <li>{@link #AFTER_ERROR_RESPONSE}: after the error page is built.</li>
 * <li>{@link #ON_END_REQUEST}: after the response has been written to the client.</li>
 * </ol>
 */
public enum HookPoint {
    /** See the class description. */
    ON_START_RESOURCE("on_start_resource"),
    /** See the class description. */
    BEFORE_REQUEST_BODY("before_request_body"),
    /** See the class description. */
    BEFORE_HANDLER("before_handler"),
    /** See the class description. */
    BEFORE_FINALIZE("before_finalize"),
    /** See the class description. */
    ON_END_RESOURCE("on_end_resource"),
    /** See the class description. */
    BEFORE_ERROR_RESPONSE("before_error_response"),
    /** See the class description. */
    AFTER_ERROR_RESPONSE("after_error_response"),
    /** See the class description. */
    ON_END_REQUEST("on_end_request");

    private final String configName;

    HookPoint(String configName) {
        this.configName = configName;
    }

    /** @return the point's name in CherryPy and in config ({@code hooks.before_handler}) */
    public String configName() {
        return configName;
    }

    /**
     * @param name a CherryPy hook point name such as {@code before_finalize}
     * @return the point
     * @throws IllegalArgumentException for an unknown name
     */
    public static HookPoint fromConfigName(String name) {
        for (HookPoint p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown hook point '" + name + "'");
    }
}
