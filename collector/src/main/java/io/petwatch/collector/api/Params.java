package io.petwatch.collector.api;

/**
 * Numbers in paths and queries, read by us rather than by Quarkus REST, whose conversion failures are a bare 404 that
 * names no parameter.
 */
public final class Params {
    private Params() {
    }

    /**
     * A whole number between {@code min} and {@code max}.
     *
     * @throws BadInput naming the parameter when the value is not one
     */
    public static long wholeNumber(String name, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInput(name, "must be a whole number between " + min + " and " + max + ", was '"
                    + InputText.printable(value, 40) + "'");
        }
        if (n < min || n > max) {
            throw new BadInput(name, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** An id of a row the database numbers (a case, a credit, an incident). */
    public static long id(String name, String value) {
        return wholeNumber(name, value, 1, Long.MAX_VALUE);
    }
}
