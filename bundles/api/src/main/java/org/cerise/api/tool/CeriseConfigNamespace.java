package org.cerise.api.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link ConfigNamespace} component:
 *
 * <pre>
 * &#64;Component(service = ConfigNamespace.class)
 * &#64;CeriseConfigNamespace(name = "db")
 * public class DbNamespace implements ConfigNamespace { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseConfigNamespace {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.config.";

    /** @return the namespace, registered as {@code cerise.config.namespace} */
    String namespace();
}
