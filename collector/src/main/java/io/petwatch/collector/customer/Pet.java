package io.petwatch.collector.customer;

/** The pet wearing the collar. */
public record Pet(String petId, String name, String species, String sex) {

    /** "her", "his" or "their", for messages that speak of the pet. */
    public String possessive() {
        return switch (sex) {
            case "female" -> "her";
            case "male" -> "his";
            default -> "their";
        };
    }

    /** "she", "he" or "they". */
    public String subject() {
        return switch (sex) {
            case "female" -> "she";
            case "male" -> "he";
            default -> "they";
        };
    }
}
