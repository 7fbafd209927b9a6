package org.cerise.core.internal.binding;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.cerise.api.ConfigException;

/**
 * Converts one request parameter value (text) to a handler parameter's type. Built once per
 * parameter when the app mounts.
 */
@FunctionalInterface
interface Converter {

    /**
     * @param text the value from the request
     * @return the converted value
     * @throws IllegalArgumentException with a short reason ("not an integer") if it does not convert
     */
    Object convert(String text);

    Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class, double.class,
            Double.class, float.class, Float.class, boolean.class, Boolean.class, short.class, Short.class,
            byte.class, Byte.class, char.class, Character.class);

    /**
     * @param type the target type
     * @param where what to name in the error
     * @return the converter for a single value
     * @throws ConfigException if the type is not convertible from text
     */
    static Converter forType(Type type, String where) throws ConfigException {
        Class<?> raw = rawClass(type);
        Class<?> c = raw.isPrimitive() ? BOXES.get(raw) : raw;
        if (c == String.class || c == Object.class || c == CharSequence.class) {
            return text -> text;
        }
        if (c == Integer.class) {
            return text -> {
                try {
                    return Integer.valueOf(integerText(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
            };
        }
        if (c == Long.class) {
            return text -> {
                try {
                    return Long.valueOf(integerText(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
            };
        }
        if (c == Short.class) {
            return text -> {
                try {
                    return Short.valueOf(integerText(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
            };
        }
        if (c == Byte.class) {
            return text -> {
                try {
                    return Byte.valueOf(integerText(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
            };
        }
        if (c == Double.class) {
            return text -> Double.valueOf(decimalText(text));
        }
        if (c == Float.class) {
            return text -> Float.valueOf(decimalText(text));
        }
        if (c == BigDecimal.class) {
            return text -> {
                try {
                    return new BigDecimal(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number");
                }
            };
        }
        if (c == BigInteger.class) {
            return text -> {
                try {
                    return new BigInteger(integerText(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
            };
        }
        if (c == Boolean.class) {
            return Converter::toBoolean;
        }
        if (c == Character.class) {
            return text -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("not a single character");
                }
                return text.charAt(0);
            };
        }
        if (c == UUID.class) {
            return text -> {
                try {
                    return UUID.fromString(text.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a UUID");
                }
            };
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return text -> {
                for (Object k : constants) {
                    if (((Enum<?>) k).name().equalsIgnoreCase(text.strip())) {
                        return k;
                    }
                }
                throw new IllegalArgumentException("not one of " + java.util.Arrays.toString(constants));
            };
        }
        throw new ConfigException(where + ": Cerise cannot convert request parameters to " + type.getTypeName()
                + " (use String, a number, boolean, enum, UUID, or a List/array/Optional of those)");
    }

    /** Python's int() accepts surrounding blanks and underscores between digits; so does Cerise. */
    private static String integerText(String text) {
        String t = text.strip();
        if (t.startsWith("+")) {
            t = t.substring(1);
            if (t.startsWith("-") || t.startsWith("+")) {
                // "+-1": Java would read what is left as -1
                throw new NumberFormatException(text);
            }
        }
        return withoutUnderscores(t, text);
    }

    /** Python's int() and float() allow one '_' between two digits. */
    private static String withoutUnderscores(String t, String text) {
        if (t.indexOf('_') < 0) {
            return t;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '_' && (i == 0 || i == t.length() - 1 || !Character.isDigit(t.charAt(i - 1))
                    || !Character.isDigit(t.charAt(i + 1)))) {
                throw new NumberFormatException(text);
            }
        }
        return t.replace("_", "");
    }

    private static String decimalText(String text) {
        String t;
        try {
            t = withoutUnderscores(text.strip().toLowerCase(Locale.ROOT), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
        // Java would also accept "1d", "0x1p3" and other spellings that Python's float() rejects
        if (t.matches("[+-]?(inf|infinity)")) {
            return t.startsWith("-") ? "-Infinity" : "Infinity";
        }
        if (t.matches("[+-]?nan")) {
            return "NaN";
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            throw new IllegalArgumentException("not a number");
        }
        return t;
    }

    private static Boolean toBoolean(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
            case "on":
                return Boolean.TRUE;
            case "false":
            case "0":
            case "no":
            case "off":
            case "":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean (true/false, 1/0, yes/no, on/off)");
        }
    }

    /**
     * @param type a type
     * @return its raw class
     */
    static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        if (type instanceof GenericArrayType) {
            return java.lang.reflect.Array.newInstance(rawClass(((GenericArrayType) type).getGenericComponentType()), 0)
                    .getClass();
        }
        return Object.class;
    }

    /**
     * @param type a parameterized type such as {@code List<Integer>}
     * @param index which type argument
     * @return the type argument, {@code String} when raw
     */
    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) type).getActualTypeArguments();
            if (index < args.length) {
                Type t = args[index];
                if (t instanceof java.lang.reflect.WildcardType) {
                    Type[] upper = ((java.lang.reflect.WildcardType) t).getUpperBounds();
                    return upper.length > 0 ? upper[0] : Object.class;
                }
                return t;
            }
        }
        return String.class;
    }
}
