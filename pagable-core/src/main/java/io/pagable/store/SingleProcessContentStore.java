package io.pagable.store;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A base for stores that one process opens at a time (the memory and file stores; a user's own store
 * may extend it too): the named roots, retired roots, leases and collection lock, held in memory under
 * one lock, with the roots handed to {@link #persistRoots} on every change so a store can write them
 * through. Retired roots and leases need not outlive the process: what they protect is what running
 * engines hold, and those ended with it. A subclass implements the node methods, and for collection
 * {@link #supportsCollection()}, {@link #scan}, {@link #deleteUntouched} and touched times by
 * {@link #now()}. Thread-safe.
 */
public abstract class SingleProcessContentStore implements ContentStore {

    private final Clock clock;

    private final TreeMap<String, PagableRoot> roots = new TreeMap<>();

    private final List<Retired> retired = new ArrayList<>();

    private final Map<String, StoreLease> leases = new HashMap<>();

    private @Nullable String lockHolder;

    private Instant lockExpires = Instant.MIN;

    private final Object clockLock = new Object();

    // Guarded by clockLock.
    private Instant lastNow = Instant.MIN;

    /**
     * Creates the base of a store.
     *
     * @param clock the store's clock, for touched times, leases and roots
     * @param initialRoots the roots the store held when it was opened
     */
    protected SingleProcessContentStore(Clock clock, Map<String, PagableRoot> initialRoots) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.roots.putAll(initialRoots);
    }

    /**
     * Makes the roots durable; called under this object's lock with all roots after each change. The
     * default keeps them in memory only. It must throw if it cannot write them (the change is then
     * undone and the caller sees the failure).
     *
     * @param roots every root, by name
     */
    protected void persistRoots(Map<String, PagableRoot> roots) {}

    /**
     * Returns the store's clock, never going backwards within this process.
     *
     * @return now
     */
    @Override
    public Instant now() {
        synchronized (clockLock) { // not this object's lock, which a root change holds while it persists
            Instant now = clock.instant();
            if (now.isBefore(lastNow)) {
                now = lastNow;
            }
            lastNow = now;
            return now;
        }
    }

    @Override
    public synchronized Optional<PagableRoot> root(String name) {
        return Optional.ofNullable(roots.get(name));
    }

    @Override
    public synchronized boolean replaceRoot(String name, @Nullable DataKey expected, @Nullable DataKey key) {
        PagableRoot current = roots.get(name);
        DataKey currentKey = (current != null) ? current.key() : null;
        if (!Objects.equals(currentKey, expected)) {
            return false;
        }
        Instant now = now();
        if (key != null) {
            roots.put(name, new PagableRoot(name, key, now));
        } else {
            roots.remove(name);
        }
        try {
            persistRoots(Map.copyOf(roots));
        } catch (RuntimeException | Error ex) {
            if (current != null) {
                roots.put(name, current);
            } else {
                roots.remove(name);
            }
            throw ex;
        }
        if (currentKey != null) {
            retired.add(new Retired(currentKey, now));
        }
        return true;
    }

    @Override
    public synchronized List<PagableRoot> roots(@Nullable String afterName, int limit) {
        Map<String, PagableRoot> tail = (afterName == null) ? roots : roots.tailMap(afterName, false);
        List<PagableRoot> page = new ArrayList<>(Math.min(limit, tail.size()));
        for (PagableRoot root : tail.values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(root);
        }
        return page;
    }

    /**
     * Returns every root.
     *
     * @return the roots by name
     */
    public synchronized Map<String, PagableRoot> allRoots() {
        return Map.copyOf(roots);
    }

    @Override
    public synchronized void renewLease(String holder, Duration duration, byte[] liveKeys) {
        Instant now = now();
        leases.put(holder, new StoreLease(holder, now, now.plus(duration), liveKeys.clone()));
    }

    @Override
    public synchronized void releaseLease(String holder) {
        leases.remove(holder);
    }

    @Override
    public synchronized List<StoreLease> leases() {
        Instant now = now();
        leases.values().removeIf((lease) -> !lease.expiresAt().isAfter(now));
        return List.copyOf(leases.values());
    }

    @Override
    public synchronized boolean tryLockCollection(String holder, Duration duration) {
        Instant now = now();
        if (lockHolder != null && !lockHolder.equals(holder) && lockExpires.isAfter(now)) {
            return false;
        }
        lockHolder = holder;
        lockExpires = now.plus(duration);
        return true;
    }

    @Override
    public synchronized void unlockCollection(String holder) {
        if (holder.equals(lockHolder)) {
            lockHolder = null;
            lockExpires = Instant.MIN;
        }
    }

    @Override
    public synchronized List<DataKey> retiredRoots(Instant since) {
        List<DataKey> keys = new ArrayList<>();
        for (Retired entry : retired) {
            if (!entry.at.isBefore(since)) {
                keys.add(entry.key);
            }
        }
        return keys;
    }

    @Override
    public synchronized void forgetRetiredRoots(Instant before) {
        retired.removeIf((entry) -> entry.at.isBefore(before));
    }

    private record Retired(DataKey key, Instant at) {}
}
