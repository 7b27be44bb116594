package io.petwatch.collector.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue workers' loop on an in-memory queue: batches, one by one after a failure, wake-ups and stopping. */
class QueueWorkersTest {
    private static final QueueWorkers.Names NAMES = new QueueWorkers.Names("Test", "items", "test.workers");
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    /** A queue of ids in memory; an id in {@code poison} fails whichever batch holds it. */
    private static final class MemoryQueue implements QueueWorkers.Step<String> {
        final Deque<String> waiting = new ArrayDeque<>();
        final List<String> decided = Collections.synchronizedList(new ArrayList<>());
        final List<String> setAside = Collections.synchronizedList(new ArrayList<>());
        final List<String> poison = new ArrayList<>();

        MemoryQueue add(String... ids) {
            synchronized (waiting) {
                waiting.addAll(List.of(ids));
            }
            return this;
        }

        @Override
        public int decideNext(int max, Consumer<List<String>> claimed) {
            List<String> batch = new ArrayList<>();
            synchronized (waiting) {
                while (batch.size() < max && !waiting.isEmpty()) {
                    batch.add(waiting.poll());
                }
            }
            claimed.accept(batch);
            if (batch.stream().anyMatch(poison::contains)) {
                synchronized (waiting) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        waiting.addFirst(batch.get(i)); // the transaction rolled back: still waiting
                    }
                }
                throw new IllegalStateException("poison in " + batch);
            }
            decided.addAll(batch);
            return batch.size();
        }

        @Override
        public void setAside(String item, RuntimeException e) {
            synchronized (waiting) {
                waiting.remove(item);
            }
            setAside.add(item);
        }
    }

    private QueueWorkers<String> workers(MemoryQueue queue, Wakeup wakeup, int count, int batch) {
        return new QueueWorkers<>(NAMES, queue, wakeup, executor, count, batch, Duration.ofSeconds(30),
                Logger.getLogger(QueueWorkersTest.class));
    }

    @Test
    void aBatchThatFailsIsDecidedOneByOneAndOnlyThePoisonIsSetAside() {
        MemoryQueue queue = new MemoryQueue().add("a", "b", "c", "d");
        queue.poison.add("c");

        int count = workers(queue, new LocalWakeup(), 0, 10).decideNextBatch();

        assertEquals(List.of("a", "b", "d"), queue.decided);
        assertEquals(List.of("c"), queue.setAside);
        assertEquals(4, count);
    }

    @Test
    void startedWorkersDecideWhatIsStoredWhenWokenNotAtTheirPoll() {
        MemoryQueue queue = new MemoryQueue();
        LocalWakeup wakeup = new LocalWakeup();
        QueueWorkers<String> workers = workers(queue, wakeup, 2, 3);
        workers.start();

        queue.add("a", "b", "c", "d", "e", "f", "g");
        wakeup.signal();

        await().atMost(Duration.ofSeconds(5)).until(() -> queue.decided.size() == 7); // the poll is 30 s
        workers.stop();
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), queue.decided.stream().sorted().toList());
    }

    @Test
    void noWorkersDecideNothingOnTheirOwn() {
        MemoryQueue queue = new MemoryQueue().add("a");
        LocalWakeup wakeup = new LocalWakeup();
        QueueWorkers<String> workers = workers(queue, wakeup, 0, 3);
        workers.start();
        wakeup.signal();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(queue.decided::isEmpty);
        workers.stop();
    }

    @Test
    void afterStopAFailingBatchIsNotRetriedOneByOne() {
        MemoryQueue queue = new MemoryQueue().add("a", "b");
        queue.poison.add("a");
        QueueWorkers<String> workers = workers(queue, new LocalWakeup(), 0, 10);
        workers.stop();

        assertEquals(0, workers.decideNextBatch());
        assertEquals(List.of(), queue.setAside, "shutting down: nothing set aside");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> workers(new MemoryQueue(), new LocalWakeup(), -1, 10));
        assertTrue(e.getMessage().startsWith("test.workers must be >= 0"), e.getMessage());
    }
}
