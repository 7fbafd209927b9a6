package org.cerise.api.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link Tool} component:
 *
 * <pre>
 * &#64;Component(service = Tool.class)
 * &#64;CeriseTool("gzip")
 * public class GzipTool implements Tool { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseTool {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.tool.";

    /**
     * The tool's name, registered as {@code cerise.tool.name}.
     *
     * @return the name, as in {@code tools.NAME.on}
     */
    String name();
}
