package io.petwatch.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The collector's own settings (environment: PETWATCH_TRIAGE_MAX_MESSAGES_PER_CUSTOMER_PER_DAY and so on). */
@ConfigMapping(prefix = "petwatch")
public interface PetwatchConfig {
    Seed seed();

    Ingest ingest();

    Triage triage();

    Playbook playbook();

    Outreach outreach();

    Sms sms();

    Credits credits();

    Storm storm();

    Email email();

    Push push();

    AuthThrottle authThrottle();

    Console console();

    Kpi kpi();

    Caps caps();

    /** Limits on proactive outreach across every signal (collar alerts and retail triggers together). */
    interface Caps {
        /**
         * The least time between two proactive messages to one customer, whatever they are about (a collar, a payment,
         * a parcel, a survey): a second waits until the gap has passed; urgent (HIGH) health messages do not wait.
         */
        @WithDefault("PT1H")
        java.time.Duration crossSignalGap();

        /** Service messages (payment, delivery, survey triggers) one customer may get in any 24 hours. */
        @WithDefault("3")
        int maxServiceMessagesPerCustomerPerDay();
    }

    /** The support console's web pages (/console). */
    interface Console {
        /**
         * Encrypts the staff's session cookie and keys their CSRF tokens; the same on every instance, so a session
         * holds behind a load balancer. At least 16 characters; no default outside dev and test.
         */
        String sessionKey();

        /** How long an agent has to act on an escalated case or an owner's reply before it is late in the queue. */
        @WithDefault("PT1H")
        java.time.Duration agentSla();

        /** How often an open queue page refreshes itself. */
        @WithDefault("PT10S")
        java.time.Duration refresh();
    }

    /**
     * Throttling of wrong staff passwords and hub tokens. Counts are kept per collector instance: behind a load balancer
     * each instance counts for itself.
     */
    interface AuthThrottle {
        /** Limits per source address: the client's IP (with a trusted proxy, the address it forwards). */
        ThrottleSource source();

        /** Limits per account (staff user name, hub id): looser and shorter, so a user elsewhere waits a minute at most. */
        ThrottleAccount account();

        /** Most sources, and most accounts, remembered per kind of secret; the least recently used go first. */
        @WithDefault("10000")
        int maxTracked();
    }

    interface ThrottleSource {
        /** Wrong secrets from one address before it is locked out. */
        @WithDefault("10")
        int failures();

        /** How long a full burst of failures takes to be forgiven; the first lockout is window / failures (90 s). */
        @WithDefault("PT15M")
        java.time.Duration window();

        /** The longest lockout of an address: each lockout in a row doubles, up to this. */
        @WithDefault("PT1H")
        java.time.Duration maxLockout();
    }

    interface ThrottleAccount {
        /** Wrong secrets for one account, from any addresses, before it is locked out. */
        @WithDefault("20")
        int failures();

        /** How long a full burst of failures takes to be forgiven; the first lockout is window / failures (15 s). */
        @WithDefault("PT5M")
        java.time.Duration window();

        /** The longest lockout of an account: each lockout in a row doubles, up to this. */
        @WithDefault("PT1M")
        java.time.Duration maxLockout();
    }

    interface Push {
        /**
         * How push notifications leave: {@code fcm}, or {@code recording} (logged, never sent: demo, tests). No
         * default outside dev and test: a production collector is told explicitly.
         */
        String provider();

        /** Firebase Cloud Messaging's settings, used when the provider is fcm. */
        Fcm fcm();
    }

    interface Fcm {
        /** FCM's API base URL (a local stand-in in tests). */
        @WithDefault("https://fcm.googleapis.com")
        String baseUrl();

        /** The Firebase project the app's device tokens belong to. */
        Optional<String> projectId();

        /** The service-account key file (JSON) whose OAuth 2.0 tokens authorise sending. A secret. */
        Optional<String> serviceAccountFile();
    }

    interface Email {
        /**
         * How email leaves: {@code recording} (logged: demo, tests) or {@code smtp} (the Quarkus Mailer, whose server,
         * sender address and TLS are {@code quarkus.mailer.*}). No default outside dev and test.
         */
        String provider();
    }

    interface Storm {
        /**
         * How close together the low-activity alerts of one fleet (a collar firmware or a hub model) must start to
         * count as one storm.
         */
        @WithDefault("PT6H")
        java.time.Duration window();

        /** Fewest collars of one fleet firing together before outreach is held. */
        @WithDefault("5")
        int minCollars();

        /** Smallest share of that fleet's known collars firing together before outreach is held. */
        @WithDefault("0.2")
        double minShare();

        /**
         * Longest a HIGH alert's text is held by a suspected storm: past it the owner is texted anyway (the incident
         * stays open for the rest). A storm is a guess; an urgent alert about a pet is not held on a guess for long.
         */
        @WithDefault("PT30M")
        java.time.Duration maxHoldHigh();

        /**
         * How long a hub's census (its active collars by firmware, sent hourly) counts towards the size of a fleet.
         * Behind a hub with no census this recent, the fleet counts the collars the collector knows of instead.
         */
        @WithDefault("PT3H")
        java.time.Duration censusMaxAge();
    }

    interface Credits {
        /**
         * Most credit (in cents) agents and the automation may grant alone on one case, all grants together; a grant
         * beyond it waits for a supervisor.
         */
        @WithDefault("2500")
        int capCents();

        /** Most credit (in cents) granted alone to one customer within {@code customer-period}, all cases together. */
        @WithDefault("10000")
        int customerCapCents();

        /** The rolling period of the per-customer cap. */
        @WithDefault("30d")
        java.time.Duration customerPeriod();

        /** The free teletriage credit offered with every escalation, in cents. */
        @WithDefault("2000")
        int teletriageCents();
    }

    interface Seed {
        /** Sample data to load at start-up: {@code classpath:seed/demo-seed.json} or a file path; unset loads nothing. */
        Optional<String> location();
    }

    interface Ingest {
        /** Most alerts accepted in one hub upload; larger batches get a 413. */
        @WithDefault("500")
        int maxAlertsPerBatch();

        /**
         * How long a hub's stored credentials are trusted without reading them again: a hub revoked on another
         * instance is refused there within this time (at once on the instance that revoked it).
         */
        @WithDefault("PT10S")
        java.time.Duration credentialsCache();
    }

    interface Triage {
        /** Vet booking page; messages link to it with the pet and case appended. */
        @WithDefault("https://vets.petwatch.example/book")
        String bookingUrl();

        /** The support line that HELP replies and scripts give owners. */
        @WithDefault("0800 000 0000")
        String helpPhone();

        /** Health messages (vet triage) one customer may get in any 24 hours; urgent (HIGH) ones go through. */
        @WithDefault("3")
        int maxMessagesPerCustomerPerDay();

        /** Device nudges (collar off, battery...) one customer may get in any 24 hours, counted apart from health. */
        @WithDefault("2")
        int maxDeviceNudgesPerCustomerPerDay();

        /**
         * Tasks that decide alerts on this instance; each holds one database connection while it decides a batch.
         * 0: this instance only stores alerts and leaves deciding them to others (a bench uses it to build a backlog).
         */
        @WithDefault("2")
        int workers();

        /** How often idle workers look at the queue when no arrival was notified (a lost LISTEN connection, say). */
        @WithDefault("1s")
        java.time.Duration pollInterval();

        /** Most alerts one worker decides in one transaction when alerts queue up (one at a time when they do not). */
        @WithDefault("64")
        int batchSize();
    }

    interface Playbook {
        /** The playbook YAML: {@code classpath:playbook/playbook.yaml} or a file path. Checked whole at start-up. */
        @WithDefault("classpath:playbook/playbook.yaml")
        String location();
    }

    interface Outreach {
        /** Most queued messages the relay claims at a time, per channel. */
        @WithDefault("100")
        int relayBatch();

        /** How long a channel whose credentials the provider rejected stays down before one message tries it again. */
        @WithDefault("PT5M")
        java.time.Duration credentialRetry();
    }

    interface Sms {
        /**
         * Which adapter sends texts: {@code twilio}, or {@code recording} (kept in memory and logged, never sent: demo,
         * tests). No default outside dev and test: a production collector that forgot it must not pretend to text.
         */
        String provider();

        /** Twilio's settings, used when the provider is twilio. */
        Twilio twilio();

        /**
         * The SMS provider's auth token, which signs its webhooks (Twilio: the account's auth token). A secret: no
         * default outside dev and test, and a placeholder stops start-up.
         */
        String authToken();

        /** The public URL the provider posts inbound texts to, exactly as configured there: it is signed. */
        @WithDefault("http://localhost:8080/api/v1/sms/inbound")
        String webhookUrl();
    }

    interface Twilio {
        /** Twilio's REST API base URL (a local stand-in in tests). */
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        /** The account SID (ACxxxxxxxx); required with the twilio provider. */
        Optional<String> accountSid();

        /** The sending number or sender id, in E.164; required with the twilio provider. */
        Optional<String> from();

        /** Longest wait for Twilio's answer to one message. */
        @WithDefault("PT4S")
        java.time.Duration timeout();
    }

    /** The KPI reports (/api/v1/kpis). */
    interface Kpi {
        /** The trigger calibration report (/api/v1/kpis/calibration). */
        Calibration calibration();
    }

    interface Calibration {
        /** A rule (or variant) this often activated in the range is judged on its response rate. */
        @WithDefault("20")
        int minActivations();

        /** Below this share of texted owners replying, a rule that fires often is recommended for review. */
        @WithDefault("0.10")
        double maxResponseRate();

        /** An owner's text counts for the case of the last message sent to them this long before it, at most. */
        @WithDefault("P7D")
        java.time.Duration replyWindow();
    }
}
