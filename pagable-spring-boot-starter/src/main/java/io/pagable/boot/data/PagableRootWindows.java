package io.pagable.boot.data;

import io.pagable.PagableRoot;
import io.pagable.PagableStorage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * The named roots of a {@link PagableStorage} as Spring Data {@link Window}s, in name order, scrolled
 * by keyset on the root's {@value #NAME} as {@link PagableStorage#roots} pages them:
 *
 * <pre>{@code
 * Window<PagableRoot> window = PagableRootWindows.scroll(storage, ScrollPosition.keyset(), 20);
 * while (true) {
 *     window.forEach(...);
 *     if (window.isLast()) break;
 *     window = PagableRootWindows.scroll(storage, window.positionAt(window.size() - 1), 20);
 * }
 * }</pre>
 *
 * Scrolling is forward only: a store lists roots after a name, not before it.
 */
public final class PagableRootWindows {

    /** The key of a {@link KeysetScrollPosition} over roots: the name of the last root seen. */
    public static final String NAME = "name";

    private PagableRootWindows() {}

    /**
     * Returns the roots after a position.
     *
     * @param storage the storage whose roots to list
     * @param position {@link ScrollPosition#keyset()} for the first window, else a position of a
     *     previous window (a forward keyset position whose key {@value #NAME} is a root name)
     * @param size the most roots in the window, 1 to 9,999
     * @return the window, with {@link Window#hasNext()} telling whether more roots follow
     * @throws IllegalArgumentException for an offset or backward position, or one without a name
     */
    public static Window<PagableRoot> scroll(PagableStorage storage, ScrollPosition position, int size) {
        Objects.requireNonNull(storage, "storage");
        if (size < 1 || size > 9_999) {
            throw new IllegalArgumentException("size must be between 1 and 9999, but was " + size);
        }
        List<PagableRoot> roots = storage.roots(after(position), size + 1);
        boolean hasNext = roots.size() > size;
        List<PagableRoot> window = hasNext ? roots.subList(0, size) : roots;
        return Window.from(
                List.copyOf(window),
                (index) -> ScrollPosition.forward(Map.of(NAME, window.get(index).name())),
                hasNext);
    }

    private static String after(ScrollPosition position) {
        if (!(position instanceof KeysetScrollPosition keyset) || keyset.scrollsBackward()) {
            throw new IllegalArgumentException("Roots scroll forward by keyset on '" + NAME + "', not by " + position);
        }
        if (keyset.isInitial()) {
            return null;
        }
        Object name = keyset.getKeys().get(NAME);
        if (!(name instanceof String text)) {
            throw new IllegalArgumentException(
                    "A position over roots names the last root as '" + NAME + "', but was " + keyset.getKeys());
        }
        return text;
    }
}
