package io.petwatch.collector.playbook;

import java.time.Duration;
import java.util.Locale;

/**
 * How many proactive messages one customer may get in any 24 hours, per kind of outreach, each kind counted on its
 * own: a device nudge never uses up the room for a health message. Urgent (HIGH) health messages go through a full
 * cap, with the reason on the case's trail. Across every kind and signal, a customer gets at most one proactive
 * message per {@code crossSignalGap}: a second waits until the gap has passed (urgent health messages aside).
 *
 * @param health         messages of vet-triage rules (lethargy, restless nights, wellness checks)
 * @param device         nudges of device rules (collar off or silent, battery, sensor)
 * @param service        messages about a payment, a parcel or a survey answer (retail triggers)
 * @param crossSignalGap the least time between two proactive messages to one customer, whatever they are about
 */
public record OutreachCaps(int health, int device, int service, Duration crossSignalGap) {
    /** The default gap between two proactive messages to one customer (petwatch.caps.cross-signal-gap). */
    public static final Duration DEFAULT_GAP = Duration.ofHours(1);

    public OutreachCaps {
        if (health < 0 || device < 0 || service < 0 || crossSignalGap.isNegative()) {
            throw new IllegalArgumentException("outreach caps must be >= 0 and the cross-signal gap not negative, were"
                    + " health " + health + ", device " + device + ", service " + service + " and gap "
                    + crossSignalGap);
        }
    }

    /** Health and device caps as before retail triggers: service messages share the health cap's number. */
    public OutreachCaps(int health, int device) {
        this(health, device, health, DEFAULT_GAP);
    }

    /** The cap for a rule's kind of outreach. */
    public int forRule(Playbook.Rule rule) {
        return switch (rule.outreach()) {
            case HEALTH -> health;
            case DEVICE -> device;
            case SERVICE -> service;
        };
    }

    /** What the cap counts, as people say it. */
    public static String kindOf(Playbook.Rule rule) {
        return rule.outreach().name().toLowerCase(Locale.ROOT);
    }
}
