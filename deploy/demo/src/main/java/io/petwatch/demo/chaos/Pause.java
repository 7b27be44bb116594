package io.petwatch.demo.chaos;

/** Waiting in a command that orchestrates processes in wall-clock time. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
