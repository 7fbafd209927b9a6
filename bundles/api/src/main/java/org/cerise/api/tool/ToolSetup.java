package org.cerise.api.tool;

import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;

/**
 * What a {@link Tool} sees when it is set up for a config scope: its arguments
 * ({@code tools.NAME.ARG} keys, typed as the config file wrote them) and the registry for its
 * hooks.
 */
public interface ToolSetup {

    /** @return the tool's name, as in {@code tools.NAME.on} */
    String toolName();

    /** @return the config path of the scope, e.g. {@code /static} (for messages) */
    String path();

    /**
     * @return every argument of the tool in this scope, keyed without the
     *         {@code tools.NAME.} prefix; {@code on} and {@code priority} are left out
     */
    Map<String, Object> args();

    /**
     * The whole merged config of the scope, for tools that read other namespaces
     * ({@code request.*}, {@code response.*}).
     *
     * @return the merged config, read-only
     */
    Map<String, Object> config();

    /**
     * Refuses arguments the tool does not take, so that a misspelt key is an error at mount
     * rather than a setting silently ignored.
     *
     * @param names every argument the tool takes, without prefix ({@code on} and
     *              {@code priority} are always allowed)
     * @throws ConfigException naming the first other argument found, and listing these
     */
    void allowArgs(String... names) throws ConfigException;

    /**
     * @param name the argument, without prefix
     * @param defaultValue the value when absent
     * @return the text argument
     * @throws ConfigException if present but not a string
     */
    String stringArg(String name, String defaultValue) throws ConfigException;

    /**
     * @param name the argument, without prefix
     * @param defaultValue the value when absent
     * @return the boolean argument
     * @throws ConfigException if present but not a boolean
     */
    boolean booleanArg(String name, boolean defaultValue) throws ConfigException;

    /**
     * @param name the argument, without prefix
     * @param defaultValue the value when absent
     * @return the integer argument
     * @throws ConfigException if present but not an integer
     */
    long longArg(String name, long defaultValue) throws ConfigException;

    /**
     * @param name the argument, without prefix
     * @return the list argument, empty when absent (a single value becomes a one-element list)
     * @throws ConfigException if present but neither a list nor a single value
     */
    List<Object> listArg(String name) throws ConfigException;

    /**
     * The tool's priority in this scope: {@code tools.NAME.priority} if set, else the given
     * default (CherryPy's default is 50; lower runs first).
     *
     * @param defaultPriority the tool's own default
     * @return the priority
     * @throws ConfigException if {@code tools.NAME.priority} is not an integer
     */
    int priority(int defaultPriority) throws ConfigException;

    /**
     * Registers a hook.
     *
     * @param point    where it runs
     * @param priority lower runs first
     * @param failsafe whether it still runs after an earlier hook at the same point failed
     * @param hook     the callback
     */
    void hook(HookPoint point, int priority, boolean failsafe, Hook hook);

    /**
     * The service a text argument of the tool names, such as the credential store of an auth
     * tool ({@code tools.auth_basic.checkpassword = 'ldap'}): the highest-ranked service of the
     * type whose {@code property} is the argument's value. The app depends on it from then on:
     * while no such service is registered the app waits (requests get 503) and the log names
     * the key, and it is mounted again whenever such a service comes, changes or goes.
     *
     * @param <S>      the service type
     * @param arg      the argument that names the service, without prefix; it must be set
     * @param type     the service interface, as the tool sees it
     * @param property the service property that carries the name
     * @return the service
     * @throws ConfigException if the argument is not a string, or no such service is registered
     *                         now (then the app waits for it)
     */
    <S> S service(String arg, Class<S> type, String property) throws ConfigException;

    /**
     * An entry of the app's own bundle (its jar), for tools that serve or read what the app ships,
     * such as {@code tools.staticdir.dir = 'bundle:/public'}. The entry is looked up as
     * {@code Bundle.getEntry} does: in the app's bundle itself, not on its class path (imports and
     * the class path are not searched), so a tool never reads another bundle's files.
     *
     * <p>A bundle's entries do not change while the app is mounted: an update of the bundle
     * mounts the app again and sets its tools up anew. A tool may therefore keep what it read
     * (bytes, sizes) for as long as this setup's hooks live.
     *
     * @param path the entry's path inside the bundle, {@code /}-separated, with or without a
     *             leading {@code /}; a path ending in {@code /} names a folder
     * @return the entry's URL (its stream reads the entry), or {@code null} when the bundle has no
     *         such entry, or when the container cannot read the app's bundle (the default)
     * @since 1.3
     */
    default java.net.URL appEntry(String path) {
        return null;
    }

    /**
     * Builds the error for a bad argument, naming the key, the value and the scope.
     *
     * @param name    the argument, without prefix
     * @param problem what is wrong with it
     * @return the exception to throw
     */
    ConfigException badArg(String name, String problem);
}
