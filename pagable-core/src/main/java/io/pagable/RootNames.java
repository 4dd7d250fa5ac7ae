package io.pagable;

import java.util.Objects;

/** The rule for root names, checked wherever a name enters pagable. */
final class RootNames {

    /** The longest root name. */
    static final int MAX_LENGTH = 200;

    private RootNames() {}

    /**
     * Checks a root name.
     *
     * @throws IllegalArgumentException naming the name and the rule when it breaks it
     */
    static String check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw invalid(name, "it has " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                throw invalid(name, "'" + printable(c) + "' at index " + i + " is not allowed");
            }
        }
        return name;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '/'
                || c == ':';
    }

    private static String printable(char c) {
        return (c < ' ' || c > '~') ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        return new IllegalArgumentException("The root name \"" + shown.replace("\n", "\\n") + "\" is not valid: "
                + problem + ". A root name has 1 to " + MAX_LENGTH
                + " characters: ASCII letters, digits and . _ - / :");
    }
}
