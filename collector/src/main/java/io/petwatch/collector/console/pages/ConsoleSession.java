package io.petwatch.collector.console.pages;

import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who is looking at a console page and how to show it to them: their roles (a page shows only what they may do),
 * their time zone (sent by the browser in a cookie; UTC until it has), and the CSRF token the page's requests carry.
 */
public record ConsoleSession(String user, Set<String> roles, ZoneId zone, String seed, boolean seedIsNew,
                             String csrf) {
    /** The browser's IANA time zone, set by console.js. */
    static final String ZONE_COOKIE = "petwatch-tz";
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.UK);

    static ConsoleSession of(SecurityIdentity identity, HttpHeaders headers, CsrfTokens tokens) {
        String user = identity.getPrincipal().getName();
        Optional<String> seed = cookie(headers, CsrfTokens.SEED_COOKIE).filter(s -> s.length() >= 16);
        String actualSeed = seed.orElseGet(tokens::newSeed);
        // console.js writes the zone URI-encoded (Europe%2FLondon).
        ZoneId zone = cookie(headers, ZONE_COOKIE).map(z -> URLDecoder.decode(z, StandardCharsets.UTF_8))
                .flatMap(ConsoleSession::zone).orElse(UTC);
        return new ConsoleSession(user, identity.getRoles(), zone, actualSeed, seed.isEmpty(),
                tokens.token(user, actualSeed));
    }

    private static Optional<String> cookie(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.getCookies().get(name)).map(Cookie::getValue);
    }

    static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public boolean isAgent() {
        return roles.contains(StaffRoles.AGENT);
    }

    public boolean isSupervisor() {
        return roles.contains(StaffRoles.SUPERVISOR);
    }

    public boolean isOperator() {
        return roles.contains(StaffRoles.OPERATOR);
    }

    /** May record outcomes, reply, add notes and take cases: what an agent does (a supervisor may too). */
    public boolean canWorkCases() {
        return isAgent() || isSupervisor();
    }

    /** A moment in the agent's own time zone. */
    public String time(Instant at) {
        return DAY_TIME.format(at.atZone(zone));
    }

    /** The same moment on the owner's clock, for "it is 02:10 where they are". */
    public String ownerTime(Instant at, String ownerZone) {
        return TIME_ZONE.format(at.atZone(zone(ownerZone).orElse(UTC)));
    }

    /** A share (0..1) as a whole percentage. */
    public String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    public String zoneName() {
        return zone.getId();
    }

    /** The seed cookie, for a response to a browser that had none. */
    NewCookie seedCookie() {
        return new NewCookie.Builder(CsrfTokens.SEED_COOKIE).value(seed).path("/console").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
