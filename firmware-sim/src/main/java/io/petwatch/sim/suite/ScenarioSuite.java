package io.petwatch.sim.suite;

import io.petwatch.sim.model.PetProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scored scenario suite: healthy pets of many kinds and routines, illness of several shapes, and every device
 * state that must never read as illness, including devices as real hardware behaves (a quantised rest floor,
 * saturation, dropouts, duplicated minutes, a drifting clock). Runs start 2026-03-01 and last 35 days, across
 * daylight-saving changes in Europe and North America. Deterministic for a given seed.
 */
public final class ScenarioSuite {
    public static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    public static final int DAYS = 35;
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Paris"), ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"));
    public static final List<String> SCENARIOS = List.of("healthy", "holiday-week", "long-walks", "sudden-lethargy",
            "gradual-decline", "restless-isolated", "restless-2-of-3", "restless-3-in-a-row", "collar-off-hours",
            "collar-off-day", "charging-nightly", "battery-dying", "stuck-sensor", "no-wear-sensing",
            "resends-and-late",
            // Appended so the collars above keep their index-derived profile, zone and seed.
            "rest-floor", "rest-floor-lethargy", "rest-floor-restless", "rest-floor-no-wear", "saturating", "dropouts",
            "duplicated-minutes", "drifting-clock");
    /** Actiwatch-like devices report this count, not zeros, minute after minute while the pet rests. */
    static final int REST_FLOOR = 3;
    /** An 8-bit counter's ceiling. */
    static final int MAX_COUNT = 255;
    static final double DROPOUTS_PER_DAY = 8;
    static final double DUPLICATE_SHARE = 0.02;
    /** A cheap crystal: after the 35-day run the stamps are about 12 minutes ahead. */
    static final double DRIFT_SECONDS_PER_DAY = 20;

    private ScenarioSuite() {
    }

    /** Every scenario, {@code perScenario} collars each. */
    public static List<CollarScript> standard(long seed, int perScenario) {
        List<CollarScript> scripts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        int n = 0;
        for (String scenario : SCENARIOS) {
            for (int i = 0; i < perScenario; i++, n++) {
                String id = String.format("%s-%02d", scenario, i + 1);
                PetProfile profile = PetProfile.SUITE.get(n % PetProfile.SUITE.size());
                ZoneId zone = ZONES.get(n % ZONES.size());
                scripts.add(script(scenario, id, profile, zone, seed ^ (n + 1) * 0x9E3779B97F4A7C15L, random.split()));
            }
        }
        return scripts;
    }

    private static CollarScript script(String scenario, String id, PetProfile profile, ZoneId zone, long seed,
                                       SplittableRandom r) {
        Instant end = START.plus(Duration.ofDays(DAYS));
        List<Effect> effects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        boolean wearSensing = true;
        DeviceProfile device = DeviceProfile.standard();
        Instant day20 = localTime(zone, 20, 0).plus(Duration.ofMinutes(r.nextInt(24 * 60)));
        switch (scenario) {
            case "holiday-week" -> {
                // A week with the family at home: more play in some of the pet's waking hours, less in others.
                // (Disturbing its rest instead would be restlessness, and is scored as such elsewhere.)
                int waking = (profile.quietestStart(8) + 9) % 24;
                holiday(effects, zone, waking, 6, 1.5);
                holiday(effects, zone, (waking + 8) % 24, 3, 0.6);
            }
            case "long-walks" -> effects.add(new Effect.ActivityChange(localTime(zone, 22, 0), localTime(zone, 23, 0),
                    3.0, 6, 21));
            case "sudden-lethargy" -> lethargy(id, day20, r, effects, labels);
            case "gradual-decline" -> {
                Instant until = day20.plus(Duration.ofDays(10));
                effects.add(new Effect.Decline(day20, 7, 0.3, until));
                labels.add(new Label(id, "decline", day20, until));
            }
            case "restless-isolated" -> restlessNights(id, profile, zone, new int[] {20}, 6, effects, labels,
                    "restless_isolated");
            case "restless-2-of-3" -> restlessNights(id, profile, zone, new int[] {20, 22}, 6, effects, labels,
                    "restless");
            case "restless-3-in-a-row" -> restlessNights(id, profile, zone, new int[] {20, 21, 22}, 6, effects, labels,
                    "restless");
            case "collar-off-hours" -> offBody(id, localTime(zone, 21, 10), Duration.ofHours(4), effects, labels);
            case "collar-off-day" -> offBody(id, localTime(zone, 21, 8), Duration.ofHours(24), effects, labels);
            case "charging-nightly" -> {
                int quiet = profile.quietestStart(8);
                effects.add(new Effect.ChargingNightly((quiet + 2) % 24, (quiet + 2) % 24 + 2));
                labels.add(new Label(id, "charging", START, end));
            }
            case "battery-dying" -> {
                Instant dies = localTime(zone, 25, 0);
                effects.add(new Effect.BatteryDies(dies));
                labels.add(new Label(id, "battery_dead", dies, end));
            }
            case "stuck-sensor" -> {
                Instant from = localTime(zone, 21, 12);
                effects.add(new Effect.Stuck(from, from.plus(Duration.ofHours(8)), 37));
                labels.add(new Label(id, "stuck", from, from.plus(Duration.ofHours(8))));
            }
            case "no-wear-sensing" -> {
                wearSensing = false;
                offBody(id, localTime(zone, 21, 8), Duration.ofHours(12), effects, labels);
            }
            case "resends-and-late" -> {
                effects.add(new Effect.Resends(0.05));
                effects.add(new Effect.LateDay(localTime(zone, 22, 0)));
            }
            case "rest-floor" -> device = device.withRestFloor(REST_FLOOR);
            case "rest-floor-lethargy" -> {
                device = device.withRestFloor(REST_FLOOR);
                lethargy(id, day20, r, effects, labels);
            }
            case "rest-floor-restless" -> {
                device = device.withRestFloor(REST_FLOOR);
                restlessNights(id, profile, zone, new int[] {20, 21, 22}, 6, effects, labels, "restless");
            }
            case "rest-floor-no-wear" -> {
                // Off the pet the floor device reads exact zeros: the one thing telling a drawer from a nap.
                device = device.withRestFloor(REST_FLOOR);
                wearSensing = false;
                offBody(id, localTime(zone, 21, 8), Duration.ofHours(12), effects, labels);
            }
            case "saturating" -> device = device.withMaxCount(MAX_COUNT);
            case "dropouts" -> device = device.withDropoutsPerDay(DROPOUTS_PER_DAY);
            case "duplicated-minutes" -> device = device.withDuplicateShare(DUPLICATE_SHARE);
            case "drifting-clock" -> device = device.withDriftSecondsPerDay(DRIFT_SECONDS_PER_DAY);
            default -> {
                // healthy
            }
        }
        return new CollarScript(id, scenario, profile, zone, seed, wearSensing, device, START, end, effects, labels);
    }

    /** Three days at a fifth to two fifths of normal activity, from a random time on day 20. */
    private static void lethargy(String id, Instant from, SplittableRandom r, List<Effect> effects,
                                 List<Label> labels) {
        Instant until = from.plus(Duration.ofHours(72));
        effects.add(new Effect.ActivityChange(from, until, 0.2 + 0.2 * r.nextDouble(), 0, 24));
        labels.add(new Label(id, "lethargy", from, until));
    }

    /** Restless nights in the pet's own rest period (its quietest eight hours), six hours of each. */
    private static void restlessNights(String id, PetProfile profile, ZoneId zone, int[] nights, double factor,
                                       List<Effect> effects, List<Label> labels, String kind) {
        int quiet = profile.quietestStart(8);
        Instant first = null;
        Instant last = null;
        for (int night : nights) {
            Instant from = localTime(zone, night, quiet).plus(Duration.ofHours(1));
            effects.add(new Effect.ActivityChange(from, from.plus(Duration.ofHours(6)), factor, 0, 24));
            first = first == null ? from : first;
            last = from.plus(Duration.ofHours(7));
        }
        labels.add(new Label(id, kind, first, last));
    }

    /** An activity change over days 18 to 25 in local hours [from, from + hours), wrapping past midnight. */
    private static void holiday(List<Effect> effects, ZoneId zone, int from, int hours, double factor) {
        Instant start = localTime(zone, 18, 0);
        Instant end = localTime(zone, 25, 0);
        int to = from + hours;
        effects.add(new Effect.ActivityChange(start, end, factor, from, Math.min(24, to)));
        if (to > 24) {
            effects.add(new Effect.ActivityChange(start, end, factor, 0, to - 24));
        }
    }

    private static void offBody(String id, Instant from, Duration length, List<Effect> effects, List<Label> labels) {
        effects.add(new Effect.OffBody(from, from.plus(length)));
        labels.add(new Label(id, "collar_off", from, from.plus(length)));
    }

    /** Local wall time on the given day of the run. */
    static Instant localTime(ZoneId zone, int day, int hour) {
        LocalDate date = LocalDate.ofInstant(START, ZoneId.of("UTC")).plusDays(day);
        return date.atTime(hour, 0).atZone(zone).toInstant();
    }
}
