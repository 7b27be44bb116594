package io.petwatch.collector.playbook;

/**
 * How many proactive messages one customer may get in any 24 hours, per kind of outreach, each kind counted on its
 * own: a device nudge never uses up the room for a health message. Urgent (HIGH) health messages go through a full
 * cap, with the reason on the case's trail.
 *
 * @param health messages of vet-triage rules (lethargy, restless nights)
 * @param device nudges of device rules (collar off or silent, battery, sensor)
 */
public record OutreachCaps(int health, int device) {
    public OutreachCaps {
        if (health < 0 || device < 0) {
            throw new IllegalArgumentException("outreach caps must be >= 0, were health " + health + " and device "
                    + device);
        }
    }

    /** The cap for a rule's kind of outreach. */
    public int forRule(Playbook.Rule rule) {
        return rule.vetTriage() ? health : device;
    }

    /** What the cap counts, as people say it. */
    public static String kindOf(Playbook.Rule rule) {
        return rule.vetTriage() ? "health" : "device";
    }
}
