package org.cerise.tool.authbasic;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link PasswordChecker} component (see there).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CerisePasswordChecker {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.password_checker.";

    /** @return the name, registered as {@code cerise.password_checker.name} */
    String name();
}
