package io.petwatch.collector.playbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * An A/B test of scripts: each customer lands, for good, in the holdout group (no proactive outreach, to measure
 * lift) or in one variant, by a hash of the experiment's name and the customer's id. No state is stored to make
 * the assignment sticky, and changing the weights moves as few customers as the buckets allow.
 *
 * @param holdoutPercent share of customers, 0 to 100, who get no proactive outreach
 */
public record Experiment(String name, int holdoutPercent, List<Variant> variants) {
    public static final String HOLDOUT = "holdout";

    /** One variant; a script named {@code base@variant} replaces {@code base} for its customers. */
    public record Variant(String name, int weight) {
    }

    public Experiment {
        if (name.isBlank()) {
            throw new IllegalArgumentException("experiment name must not be blank");
        }
        if (holdoutPercent < 0 || holdoutPercent > 100) {
            throw new IllegalArgumentException("experiment holdout_percent must be 0..100, was " + holdoutPercent);
        }
        if (variants.isEmpty() || variants.stream().anyMatch(v -> v.weight() <= 0)) {
            throw new IllegalArgumentException("experiment " + name + " needs variants with positive weights");
        }
        variants = List.copyOf(variants);
    }

    /** With no experiment configured, everyone gets the base scripts. */
    public static Experiment none() {
        return new Experiment("none", 0, List.of(new Variant("base", 1)));
    }

    /** The customer's group: {@link #HOLDOUT} or a variant's name. */
    public String assign(String customerId) {
        long hash = hash(name + ":" + customerId);
        if (Long.remainderUnsigned(hash, 100) < holdoutPercent) {
            return HOLDOUT;
        }
        int total = variants.stream().mapToInt(Variant::weight).sum();
        long bucket = Long.remainderUnsigned(Long.rotateLeft(hash, 32), total);
        for (Variant v : variants) {
            bucket -= v.weight();
            if (bucket < 0) {
                return v.name();
            }
        }
        throw new IllegalStateException("unreachable: buckets cover the total weight");
    }

    /** The script a variant uses in place of {@code base}, where the playbook defines one. */
    public static String scriptFor(String base, String variant, java.util.Set<String> scripts) {
        return Optional.of(base + "@" + variant).filter(scripts::contains).orElse(base);
    }

    private static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
