package io.petwatch.gateway.outbox;

class MemoryOutboxTest extends OutboxContract {
    @Override
    Outbox outbox() {
        return new MemoryOutbox();
    }
}
