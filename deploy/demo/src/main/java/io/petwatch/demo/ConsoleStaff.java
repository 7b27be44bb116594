package io.petwatch.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The support staff of {@code demo.sh --serve}: an agent and a supervisor (who is also the operator), with passwords
 * made up for this run and printed once, so the console can be tried in a browser as a new member of staff would.
 */
record ConsoleStaff(String agentPassword, String supervisorPassword) {
    static final String AGENT = "agent";
    static final String SUPERVISOR = "supervisor";

    static ConsoleStaff generate() {
        return new ConsoleStaff(password(), password());
    }

    private static String password() {
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The collector's configuration for the two users, passwords only as digests, as in production. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_AGENT", digest(AGENT, agentPassword));
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_AGENT", "agent");
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_SUPERVISOR", digest(SUPERVISOR, supervisorPassword));
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_SUPERVISOR", "supervisor,operator");
        return Map.copyOf(env);
    }

    void print(PrintStream out, URI collector) {
        out.printf("%nThe collector keeps running with its database until Ctrl-C. Sign in as:%n");
        out.printf("  agent:      user %s, password %s%n", AGENT, agentPassword);
        out.printf("  supervisor: user %s, password %s (also the operator)%n", SUPERVISOR, supervisorPassword);
        out.printf("Console: %s%n", collector.resolve("/console"));
        out.flush();
    }

    private static String digest(String user, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest((user + ":"
                    + CollectorApi.STAFF_REALM + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512, which every Java platform must provide", e);
        }
    }
}
