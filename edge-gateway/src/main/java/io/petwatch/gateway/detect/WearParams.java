package io.petwatch.gateway.detect;

/**
 * How the gateway decides a minute was not really on the pet.
 *
 * @param zeroRunMinutes for collars that cannot sense wear (WEAR_UNKNOWN): a run of at least this many minutes of
 *                       exactly zero activity is non-wear, as actigraphy's Troiano and Choi rules treat it (90
 *                       minutes, Choi's window); a resting pet still twitches now and then, a collar in a drawer
 *                       does not
 * @param stuckMinutes   the same non-zero value for at least this many minutes in a row is a stuck sensor
 */
public record WearParams(int zeroRunMinutes, int stuckMinutes) {
    public WearParams {
        if (zeroRunMinutes < 10 || zeroRunMinutes > 24 * 60) {
            throw new IllegalArgumentException("wear: zeroRunMinutes must be in 10..1440, was " + zeroRunMinutes);
        }
        if (stuckMinutes < 10 || stuckMinutes > 24 * 60) {
            throw new IllegalArgumentException("wear: stuckMinutes must be in 10..1440, was " + stuckMinutes);
        }
    }

    public static WearParams defaults() {
        return new WearParams(90, 180);
    }
}
