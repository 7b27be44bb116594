package io.petwatch.collector.playbook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values a retail trigger's {{variables}} take, from its detector_params as detection wrote them: amounts in the
 * currency's minor units become "£19.99", instants become "on Sunday 6 December" in the customer's time zone, and a
 * param detection left out (absent values are omitted, not null) gets a neutral wording, so a text never fails for
 * want of an estimated delivery date.
 */
final class TriggerValues {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final Map<String, String> FALLBACK = Map.ofEntries(
            Map.entry("amount", "the amount due"),
            Map.entry("currency", ""),
            Map.entry("retries_left", "not known"),
            Map.entry("update_card_link", "your account page"),
            // Stripe leaves the next attempt out when it will not try again: the card must be updated first.
            Map.entry("next_attempt", "when you update your card"),
            Map.entry("carrier", "the carrier"),
            Map.entry("hours_since_label", "more than 48"),
            Map.entry("days_in_transit", "several"),
            Map.entry("international", "false"),
            Map.entry("est_delivery", "in the next few days"),
            Map.entry("delivered_at", "recently"),
            Map.entry("score", "a low score"),
            Map.entry("scale_max", "10"),
            Map.entry("comment_excerpt", "(no comment)"),
            Map.entry("tone", "not classified"));
    private static final java.util.Set<String> DATES = java.util.Set.of("next_attempt", "est_delivery", "delivered_at");

    private TriggerValues() {
    }

    /** Every trigger variable's value: from {@code params} where present, else its neutral wording. */
    static Map<String, String> of(Map<String, String> params, Optional<String> subject, ZoneId zone) {
        Map<String, String> values = new HashMap<>(FALLBACK);
        values.put("tracking_code", subject.orElse("your parcel"));
        params.forEach((key, value) -> {
            if (!value.isBlank() && (FALLBACK.containsKey(key) || key.equals("tracking_code"))) {
                values.put(key, DATES.contains(key) ? day(value, zone) : value);
            }
        });
        Optional.ofNullable(params.get("currency")).filter(c -> !c.isBlank())
                .ifPresent(c -> values.put("currency", c.toUpperCase(Locale.ROOT)));
        Optional.ofNullable(params.get("amount")).filter(a -> !a.isBlank())
                .ifPresent(a -> values.put("amount", money(a, Optional.ofNullable(params.get("currency")))));
        return values;
    }

    /** "on Sunday 6 December" in the customer's zone; a value that is not an instant is kept as it was written. */
    static String day(String iso, ZoneId zone) {
        try {
            return "on " + DAY.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /**
     * An amount as the customer reads it. Whole numbers are the currency's minor units, as Stripe sends them (1999
     * is £19.99; a currency without minor units keeps them whole); a decimal is already in major units.
     */
    static String money(String amount, Optional<String> currency) {
        Optional<Currency> known = currency.flatMap(TriggerValues::currency);
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            return amount;
        }
        int digits = known.map(Currency::getDefaultFractionDigits).filter(d -> d >= 0).orElse(2);
        if (value.scale() <= 0) {
            value = value.movePointLeft(digits);
        }
        String number = value.setScale(digits, java.math.RoundingMode.HALF_UP).toPlainString();
        return known.map(c -> {
            String symbol = c.getSymbol(Locale.UK);
            return symbol.equals(c.getCurrencyCode()) ? number + " " + symbol : symbol + number;
        }).orElse(number + currency.map(c -> " " + c.toUpperCase(Locale.ROOT)).orElse(""));
    }

    private static Optional<Currency> currency(String code) {
        try {
            return Optional.of(Currency.getInstance(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
