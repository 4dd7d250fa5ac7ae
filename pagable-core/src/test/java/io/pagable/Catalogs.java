package io.pagable;

import io.pagable.model.Catalog;
import io.pagable.model.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * Versions of a catalog for the garbage collector's tests: version {@code v} changes every tenth item
 * of version {@code v - 1}, so consecutive versions share most nodes.
 */
final class Catalogs {

    private Catalogs() {}

    static Catalog version(PagableStorage storage, int items, int version) {
        List<PagableArc<Item>> arcs = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            arcs.add(storage.arc(item(i, version)));
        }
        return new Catalog("catalog", version, arcs);
    }

    /** The item {@code i} as of a version: it last changed at the latest version ending in its last digit. */
    static Item item(int i, int version) {
        int changedAt = version - Math.floorMod(version - i, 10);
        return new Item("item-" + i, Math.max(0, changedAt), "text of item " + i + " as of " + Math.max(0, changedAt));
    }

    /** Checks that a loaded catalog holds exactly the items of its version. */
    static void assertComplete(Catalog catalog, int items, int version) {
        if (catalog.version() != version || catalog.items().size() != items) {
            throw new AssertionError("catalog version " + catalog.version() + " with "
                    + catalog.items().size() + " items, expected version " + version + " with " + items);
        }
        for (int i = 0; i < items; i++) {
            Item item = catalog.items().get(i).get();
            if (!item.equals(item(i, version))) {
                throw new AssertionError("item " + i + " of version " + version + " is " + item);
            }
        }
    }
}
