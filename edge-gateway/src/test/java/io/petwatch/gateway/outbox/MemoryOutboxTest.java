package io.petwatch.gateway.outbox;

class MemoryOutboxTest extends OutboxContract {
    @Override
    Outbox outbox(int capacity) {
        return new MemoryOutbox(capacity);
    }
}
