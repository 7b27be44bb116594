package io.petwatch.collector.signal;

/**
 * The verdict on a webhook's signature, before its body is read.
 *
 * @param result valid; forged (answered 401: the secret or the body is not the source's); stale (answered 400: a
 *               genuine signature outside the timestamp tolerance, a replay or a clock far off)
 * @param reason what was wrong, for the JSON error body and the log; empty when valid
 */
public record SignatureCheck(Result result, String reason) {
    /** Whether and how the signature failed. */
    public enum Result { VALID, FORGED, STALE }

    public static SignatureCheck valid() {
        return new SignatureCheck(Result.VALID, "");
    }

    public static SignatureCheck forged(String reason) {
        return new SignatureCheck(Result.FORGED, reason);
    }

    public static SignatureCheck stale(String reason) {
        return new SignatureCheck(Result.STALE, reason);
    }

    public boolean isValid() {
        return result == Result.VALID;
    }
}
