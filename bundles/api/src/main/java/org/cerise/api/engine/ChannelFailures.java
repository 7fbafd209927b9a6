package org.cerise.api.engine;

import java.util.List;

/**
 * CherryPy's {@code ChannelFailures}: the exceptions the listeners of one published channel
 * raised, collected after every listener ran.
 */
public class ChannelFailures extends Exception {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final transient List<Throwable> failures;

    /**
     * @param channel  the channel published
     * @param failures what the listeners raised, in order
     */
    public ChannelFailures(String channel, List<Throwable> failures) {
        super(failures.size() + " listener(s) of channel '" + channel + "' failed: " + failures.get(0),
                failures.get(0));
        this.channel = channel;
        this.failures = List.copyOf(failures);
        failures.stream().skip(1).forEach(this::addSuppressed);
    }

    /** @return the channel */
    public String channel() {
        return channel;
    }

    /** @return the failures, in the order the listeners ran */
    public List<Throwable> failures() {
        return failures;
    }
}
