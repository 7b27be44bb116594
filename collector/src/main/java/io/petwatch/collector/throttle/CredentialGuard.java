package io.petwatch.collector.throttle;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Throttled;
import io.petwatch.collector.config.PetwatchConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Every check of a staff password or a hub token goes through here: {@link #admit} before the secret is looked at
 * (a throttled attempt is refused with 429 and never checked), {@link #failed} after a wrong one. Successes are not
 * reported and cost nothing. One {@link GuessThrottle} per kind of secret, in this instance's memory only.
 *
 * <p>Metrics at /q/metrics: {@code petwatch_auth_failures_total{kind}}, {@code
 * petwatch_auth_throttled_total{kind,scope}} (attempts refused), {@code petwatch_auth_lockouts_total{kind,scope}}
 * and {@code petwatch_auth_throttle_tracked{kind,scope}} (keys remembered).
 */
@ApplicationScoped
public class CredentialGuard {
    private static final Logger LOG = Logger.getLogger(CredentialGuard.class);
    /** Longer than any staff user name or hub id; longer ones are junk and share a key. */
    static final int MAX_KEY_LENGTH = 64;
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The kind of secret checked. */
    public enum Kind { STAFF, HUB }

    private final Map<Kind, GuessThrottle> throttles = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> failures = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<GuessThrottle.Scope, Counter>> throttled = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<GuessThrottle.Scope, Counter>> lockouts = new EnumMap<>(Kind.class);

    public CredentialGuard(PetwatchConfig config, MeterRegistry registry) {
        PetwatchConfig.AuthThrottle c = config.authThrottle();
        GuessThrottle.Limits source = limits("petwatch.auth-throttle.source", c.source().failures(),
                c.source().window(), c.source().maxLockout());
        GuessThrottle.Limits account = limits("petwatch.auth-throttle.account", c.account().failures(),
                c.account().window(), c.account().maxLockout());
        for (Kind kind : Kind.values()) {
            GuessThrottle throttle = new GuessThrottle(source, account, c.maxTracked(), TimeMeter.SYSTEM_NANOTIME);
            throttles.put(kind, throttle);
            String k = tag(kind);
            failures.put(kind, Counter.builder("petwatch.auth.failures").tag("kind", k)
                    .description("wrong staff passwords or hub tokens").register(registry));
            throttled.put(kind, new EnumMap<>(GuessThrottle.Scope.class));
            lockouts.put(kind, new EnumMap<>(GuessThrottle.Scope.class));
            for (GuessThrottle.Scope scope : GuessThrottle.Scope.values()) {
                String s = tag(scope);
                throttled.get(kind).put(scope, Counter.builder("petwatch.auth.throttled").tag("kind", k)
                        .tag("scope", s).description("attempts refused with 429, secret not checked")
                        .register(registry));
                lockouts.get(kind).put(scope, Counter.builder("petwatch.auth.lockouts").tag("kind", k)
                        .tag("scope", s).description("lockouts started").register(registry));
                Gauge.builder("petwatch.auth.throttle.tracked", throttle, t -> t.tracked(scope)).tag("kind", k)
                        .tag("scope", s).description("sources or accounts remembered by the throttle")
                        .register(registry);
            }
        }
    }

    /**
     * Lets an attempt go on to check its secret, or refuses it.
     *
     * @throws Throttled when the source or the account has failed too often lately
     */
    public void admit(Kind kind, String source, String account) {
        Optional<GuessThrottle.Refusal> refusal = throttles.get(kind).refusal(source, key(account));
        if (refusal.isPresent()) {
            GuessThrottle.Refusal r = refusal.get();
            throttled.get(kind).get(r.scope()).increment();
            throw new Throttled(message(kind, r), r.retryAfter());
        }
    }

    /** Counts a wrong secret against the source and the account. */
    public void failed(Kind kind, String source, String account) {
        failures.get(kind).increment();
        for (GuessThrottle.Refusal lockout : throttles.get(kind).failed(source, key(account))) {
            lockouts.get(kind).get(lockout.scope()).increment();
            LOG.warnf("%s %s locked out for %d s after repeated wrong %s", tag(lockout.scope()),
                    lockout.scope() == GuessThrottle.Scope.SOURCE ? source : InputText.printable(account, 64),
                    Throttled.seconds(lockout.retryAfter()), kind == Kind.STAFF ? "passwords" : "hub tokens");
        }
    }

    /**
     * The key of a request's source: its IP address as the HTTP layer reports it (a trusted proxy's forwarded address
     * only when {@code quarkus.http.proxy.*} says to trust it). IPv6 addresses count by their /64, the block one
     * customer line usually gets, so rotating through it does not start over.
     */
    public static String source(SocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        String host = Optional.ofNullable(address.hostAddress()).orElse(Optional.ofNullable(address.host()).orElse(""));
        return host.indexOf(':') >= 0 ? ipv6Prefix(host) : InputText.printable(host, MAX_KEY_LENGTH);
    }

    @Scheduled(every = "60s", delayed = "60s")
    void forgetRecovered() {
        throttles.values().forEach(GuessThrottle::forgetRecovered);
    }

    private static String ipv6Prefix(String host) {
        String literal = host.replace("[", "").replace("]", "").replaceFirst("%.*", "");
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return InputText.printable(host, MAX_KEY_LENGTH);
        }
        try {
            // Only hex digits, colons and dots: parsed as an address, never looked up in DNS.
            byte[] a = InetAddress.getByName(literal).getAddress();
            return a.length == 16 ? String.format(Locale.ROOT, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", a[0], a[1],
                    a[2], a[3], a[4], a[5], a[6], a[7]) : InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return InputText.printable(host, MAX_KEY_LENGTH);
        }
    }

    private static String key(String account) {
        return account.length() > MAX_KEY_LENGTH ? account.substring(0, MAX_KEY_LENGTH) : account;
    }

    private static GuessThrottle.Limits limits(String prefix, int failures, Duration window, Duration maxLockout) {
        try {
            return new GuessThrottle.Limits(failures, window, maxLockout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static String message(Kind kind, GuessThrottle.Refusal r) {
        String what = kind == Kind.STAFF ? "failed sign-ins" : "wrong hub tokens";
        String whose = r.scope() == GuessThrottle.Scope.SOURCE ? "from this address"
                : kind == Kind.STAFF ? "for this user" : "for this hub";
        return "too many " + what + " " + whose + ": try again in " + Throttled.seconds(r.retryAfter()) + " s";
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
