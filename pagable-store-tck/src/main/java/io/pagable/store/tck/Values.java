package io.pagable.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Values whose whole content follows from their id, so that a test (or another process) can check
 * any value it reads back without keeping a copy: a lost or wrong value cannot go unnoticed. The
 * engine crash contract writes them; store modules' reliability tests and the benchmarks' load run
 * use them too.
 */
public final class Values {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ".toCharArray();

    private Values() {}

    /** A leaf value: its text is derived from its id. */
    public record Item(long id, String text) {

        /** Creates the item of an id, with a text of {@code length} characters. */
        public static Item of(long id, int length) {
            return new Item(id, Values.text(id, length));
        }

        /** Fails unless the text is the one derived from the id. */
        public Item checked() {
            assertThat(text).as("text of item %d", id).isEqualTo(Values.text(id, text.length()));
            return this;
        }
    }

    /** A value holding lazily loaded items: a graph of 1 + n nodes. */
    public record Doc(long id, String title, List<PagableArc<Item>> items) {

        /** Fails unless the title and every item are the ones derived from the id. */
        public Doc checked(int itemCount, int itemLength) {
            assertThat(title).isEqualTo("doc-" + id);
            assertThat(items).hasSize(itemCount);
            for (int i = 0; i < itemCount; i++) {
                Item item = items.get(i).get().checked();
                assertThat(item.id()).isEqualTo(itemId(id, i, itemCount));
                assertThat(item.text()).hasSize(itemLength);
            }
            return this;
        }
    }

    /** Creates the arc of document {@code id} and the arcs of its items, all pending. */
    public static PagableArc<Doc> doc(PagableStorage storage, long id, int itemCount, int itemLength) {
        return storage.arc(docValue(storage, id, itemCount, itemLength));
    }

    /** Creates document {@code id} with the arcs of its items, all pending. */
    public static Doc docValue(PagableStorage storage, long id, int itemCount, int itemLength) {
        List<PagableArc<Item>> items = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            items.add(storage.arc(Item.of(itemId(id, i, itemCount), itemLength)));
        }
        return new Doc(id, "doc-" + id, items);
    }

    /** Returns the id of item {@code index} of document {@code docId}. */
    public static long itemId(long docId, int index, int itemCount) {
        return docId * itemCount + index;
    }

    /** Returns the text of {@code length} characters that id {@code id} stands for. */
    public static String text(long id, int length) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(text);
    }
}
