package io.petwatch.gateway.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryCollarsBytesUnderAnyIdAcrossInstances() {
        new SnapshotStore(dir).saveAll(Map.of("collar-001", new byte[] {1, 2}, "../odd id/ü", new byte[] {3}));

        Map<String, byte[]> loaded = new SnapshotStore(dir).loadAll();

        assertEquals(2, loaded.size());
        assertArrayEquals(new byte[] {1, 2}, loaded.get("collar-001"));
        assertArrayEquals(new byte[] {3}, loaded.get("../odd id/ü"));
    }

    @Test
    void aRejectedSnapshotIsMovedAsideNotDeleted() {
        SnapshotStore store = new SnapshotStore(dir);
        store.saveAll(Map.of("c-1", new byte[] {9}));

        store.reject("c-1", "checksum mismatch");

        assertEquals(Map.of(), store.loadAll());
        assertTrue(Files.exists(dir.resolve("rejected").resolve(SnapshotStore.fileName("c-1"))));
    }
}
