package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * CherryPy's {@code @cherrypy.popargs(...)}: when a path segment names nothing on this object,
 * the object-tree dispatcher pops the next segments into request parameters under these names,
 * then continues the walk at the {@link #handler() handler} object, or, without one, on this
 * object again (the segment after the popped ones, if any, is looked up on it).
 *
 * <pre>
 * &#64;PopArgs(value = "year", handler = "years")
 * public class Root {
 *     private final YearHandler years = new YearHandler(); // not reachable by name itself
 *     &#64;Expose public String index() { ... }           // /
 * }
 * &#64;PopArgs({"month", "day"})
 * public class YearHandler {
 *     &#64;Expose public String index(String year, Optional&lt;String&gt; month, Optional&lt;String&gt; day) { ... }
 *     &#64;Expose public String delete(String year) { ... }  // /2024/delete: members win over arguments
 * }
 * </pre>
 *
 * <p>As in CherryPy, a member that the segment names wins over popping it (so {@code /delete}
 * is the method, not a year), a query-string parameter of the same name overrides the popped
 * value, and popping stops when the path runs out. An object cannot have both {@code PopArgs}
 * and {@link CpDispatch}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PopArgs {

    /** @return the parameter names that the next path segments fill, in order */
    String[] value();

    /**
     * The name of a field of this class (of any visibility) whose value, read when the app
     * mounts, is the object the walk continues on after the arguments are popped: CherryPy's
     * {@code handler=} instance. Empty: the walk continues on this object.
     *
     * @return the field name, or empty
     */
    String handler() default "";
}
