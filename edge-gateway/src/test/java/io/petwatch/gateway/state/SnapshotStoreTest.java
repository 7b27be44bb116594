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
    void keepsEveryCollarsBytesAndJournalPositionUnderAnyIdAcrossInstances() {
        new SnapshotStore(dir).saveAll(Map.of("collar-001", new byte[] {1, 2}, "../odd id/ü", new byte[] {3}), 42);

        Map<String, SnapshotStore.Saved> loaded = new SnapshotStore(dir).loadAll();

        assertEquals(2, loaded.size());
        assertArrayEquals(new byte[] {1, 2}, loaded.get("collar-001").state());
        assertArrayEquals(new byte[] {3}, loaded.get("../odd id/ü").state());
        assertEquals(42, loaded.get("collar-001").journalPosition());
    }

    @Test
    void aSnapshotFromBeforeTheJournalIsReadWithPositionZero() throws Exception {
        Files.write(dir.resolve(SnapshotStore.fileName("c-1")), new byte[] {0x50, 0x57, 0x53, 0x31, 7});

        SnapshotStore.Saved saved = new SnapshotStore(dir).loadAll().get("c-1");

        assertEquals(0, saved.journalPosition());
        assertArrayEquals(new byte[] {0x50, 0x57, 0x53, 0x31, 7}, saved.state());
    }

    @Test
    void aRejectedSnapshotIsMovedAsideNotDeleted() {
        SnapshotStore store = new SnapshotStore(dir);
        store.saveAll(Map.of("c-1", new byte[] {9}), 1);

        store.reject("c-1", "checksum mismatch");

        assertEquals(Map.of(), store.loadAll());
        assertTrue(Files.exists(dir.resolve("rejected").resolve(SnapshotStore.fileName("c-1"))));
    }

    @Test
    void aForgottenCollarsSnapshotIsGone() {
        SnapshotStore store = new SnapshotStore(dir);
        store.saveAll(Map.of("c-1", new byte[] {9}, "c-2", new byte[] {8}), 1);

        store.delete("c-1");

        assertEquals(java.util.Set.of("c-2"), store.loadAll().keySet());
    }
}
