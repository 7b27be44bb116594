package io.petwatch.sim.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each collar's broker password, from a file of {@code collar-id:password} lines (blank lines and {@code #}
 * comments allowed). The hub broker wants every collar to log in with its collar id as username. Passwords never
 * appear in messages or in {@link #toString()}.
 */
public final class CollarCredentials {
    private final Map<String, String> passwords;
    private final String source;

    private CollarCredentials(Map<String, String> passwords, String source) {
        this.passwords = Map.copyOf(passwords);
        this.source = source;
    }

    public static CollarCredentials load(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials file " + file, e);
        }
    }

    /** Parses {@code lines}; {@code source} names them in errors, which give the line number and never a password. */
    public static CollarCredentials parse(List<String> lines, String source) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + ": expected collar-id:password, found no ':'");
            }
            String collar = line.substring(0, colon).strip();
            String password = line.substring(colon + 1); // a password may itself hold ':'
            if (!collar.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(where + ": collar id '" + collar
                        + "' must be 1 to 64 of letters, digits, '.', '_' and '-'");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + collar + " has an empty password");
            }
            if (passwords.putIfAbsent(collar, password) != null) {
                throw new IllegalArgumentException(where + ": " + collar + " is listed a second time");
            }
        }
        return new CollarCredentials(passwords, source);
    }

    public Optional<String> passwordFor(String collarId) {
        return Optional.ofNullable(passwords.get(collarId));
    }

    /** Fails, naming them, if any of {@code collarIds} has no password here. */
    public void requireAll(Collection<String> collarIds) {
        List<String> missing = collarIds.stream().filter(id -> !passwords.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            String named = String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "");
            throw new IllegalArgumentException(missing.size() + " collar(s) have no password in " + source + ": "
                    + named);
        }
    }

    public int size() {
        return passwords.size();
    }

    @Override
    public String toString() {
        return "credentials for " + passwords.size() + " collars from " + source;
    }
}
