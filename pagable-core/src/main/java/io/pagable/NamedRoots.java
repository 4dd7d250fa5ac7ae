package io.pagable;

import io.pagable.store.ContentStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The named-root operations of {@link PagableStorage} on top of the store's compare-and-set: names
 * checked before anything is written, each save or lookup registered as an operation in flight with
 * the engine's lease (so a collection running meanwhile keeps what it writes or finds), and
 * unconditional updates as compare-and-set loops.
 */
final class NamedRoots {

    /** The most named roots {@link #list} returns at once. */
    static final int MAX_PER_PAGE = 10_000;

    private final ContentStore store;

    private final PagableStorage engine;

    private final Supplier<EngineLease.Operation> operations;

    NamedRoots(ContentStore store, PagableStorage engine, Supplier<EngineLease.Operation> operations) {
        this.store = store;
        this.engine = engine;
        this.operations = operations;
    }

    DataKey save(String name, Object value) {
        RootNames.check(name);
        Objects.requireNonNull(value, "value");
        try (EngineLease.Operation operation = operations.get()) {
            DataKey key = engine.save(value);
            while (true) {
                DataKey expected = store.root(name).map(PagableRoot::key).orElse(null);
                if (key.equals(expected) || store.replaceRoot(name, expected, key)) {
                    return key;
                }
            }
        }
    }

    <T> Optional<T> load(String name, Class<T> type) {
        RootNames.check(name);
        Objects.requireNonNull(type, "type");
        try (EngineLease.Operation operation = operations.get()) {
            return store.root(name).map((found) -> engine.load(found.key(), type));
        }
    }

    Optional<PagableRoot> get(String name) {
        return store.root(RootNames.check(name));
    }

    boolean replace(String name, @Nullable DataKey expected, Object value) {
        RootNames.check(name);
        Objects.requireNonNull(value, "value");
        try (EngineLease.Operation operation = operations.get()) {
            DataKey key = engine.save(value);
            return store.replaceRoot(name, expected, key);
        }
    }

    boolean delete(String name) {
        RootNames.check(name);
        while (true) {
            Optional<PagableRoot> current = store.root(name);
            if (current.isEmpty()) {
                return false;
            }
            if (store.replaceRoot(name, current.get().key(), null)) {
                return true;
            }
        }
    }

    List<PagableRoot> list(@Nullable String afterName, int limit) {
        if (afterName != null) {
            RootNames.check(afterName);
        }
        if (limit < 1 || limit > MAX_PER_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PER_PAGE + ", but was " + limit);
        }
        return store.roots(afterName, limit);
    }
}
