package io.petwatch.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollarCredentialsTest {

    private static IllegalArgumentException rejected(String... lines) {
        return assertThrows(IllegalArgumentException.class, () -> CollarCredentials.parse(List.of(lines), "creds.txt"));
    }

    @Test
    void readsOnePasswordPerCollarSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("collars.txt"),
                "# hub 4711\n\ncollar-001:s3cret\n  collar-002:with:colons  \n# collar-003:old\n");

        CollarCredentials credentials = CollarCredentials.load(file);

        assertEquals(Optional.of("s3cret"), credentials.passwordFor("collar-001"));
        assertEquals(Optional.of("with:colons"), credentials.passwordFor("collar-002"));
        assertEquals(Optional.empty(), credentials.passwordFor("collar-003"));
        assertEquals(2, credentials.size());
    }

    @Test
    void aMalformedLineIsRejectedWithItsNumber() {
        assertEquals("creds.txt line 3: expected collar-id:password, found no ':'",
                rejected("# comment", "collar-001:a", "collar-002 b").getMessage());
        assertTrue(rejected("collar 1:pw").getMessage().startsWith("creds.txt line 1: collar id 'collar 1'"));
        assertEquals("creds.txt line 2: collar-002 has an empty password",
                rejected("collar-001:a", "collar-002:").getMessage());
        assertEquals("creds.txt line 4: collar-001 is listed a second time",
                rejected("collar-001:a", "", "# again", "collar-001:b").getMessage());
    }

    @Test
    void aCollarMissingFromTheFileIsNamed() {
        CollarCredentials credentials = CollarCredentials.parse(List.of("collar-001:a", "collar-003:c"), "creds.txt");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> credentials.requireAll(List.of("collar-001", "collar-002", "collar-003", "collar-004")));

        assertEquals("2 collar(s) have no password in creds.txt: collar-002, collar-004", e.getMessage());
    }

    @Test
    void passwordsNeverShowInMessages() {
        CollarCredentials credentials = CollarCredentials.parse(List.of("collar-001:hunter2"), "creds.txt");

        assertFalse(credentials.toString().contains("hunter2"), credentials.toString());
        assertFalse(rejected("collar-001:hunter2", "collar-001:hunter2").getMessage().contains("hunter2"));
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");

        Exception e = assertThrows(RuntimeException.class, () -> CollarCredentials.load(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
