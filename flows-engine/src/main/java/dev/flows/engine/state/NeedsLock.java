package dev.flows.engine.state;

/**
 * Thrown by an optimistic read of the state store that must open a map, which only a read under the lock may
 * do (opening fills the caches a rollback clears). Preallocated and stackless: it is control flow.
 */
final class NeedsLock extends RuntimeException {

    static final NeedsLock INSTANCE = new NeedsLock();

    private NeedsLock() {
        super("a state map must be opened under the read lock", null, false, false);
    }
}
