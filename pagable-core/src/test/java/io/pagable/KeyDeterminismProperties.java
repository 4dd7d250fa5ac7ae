package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.model.Assembly;
import io.pagable.model.Bolt;
import io.pagable.model.Circle;
import io.pagable.model.Color;
import io.pagable.model.Drawing;
import io.pagable.model.Label;
import io.pagable.model.Part;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Equal values give equal keys whatever the insertion order of their maps and sets, in any engine. */
class KeyDeterminismProperties {

    record Catalogue(
            String name,
            Map<String, Integer> counts,
            Set<String> tags,
            Map<Color, List<String>> byColor,
            List<Shape> shapes) {}

    @Property(tries = 200)
    void equalValuesGiveEqualKeysWhateverTheInsertionOrder(
            @ForAll("catalogues") Catalogue catalogue, @ForAll long seed) {
        Catalogue shuffled = new Catalogue(
                catalogue.name(),
                shuffledMap(catalogue.counts(), seed),
                shuffledSet(catalogue.tags(), seed),
                shuffledMap(catalogue.byColor(), seed),
                catalogue.shapes());

        DataKey first = storage().save(catalogue);
        DataKey second = storage().save(shuffled);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 100)
    void differentValuesGiveDifferentKeys(@ForAll("catalogues") Catalogue catalogue) {
        Catalogue renamed = new Catalogue(
                catalogue.name() + "!", catalogue.counts(), catalogue.tags(), catalogue.byColor(), catalogue.shapes());

        assertThat(storage().save(renamed)).isNotEqualTo(storage().save(catalogue));
    }

    @Property(tries = 100)
    void savedValuesLoadBackEqual(@ForAll("catalogues") Catalogue catalogue) {
        PagableStorage storage = storage();
        DataKey key = storage.save(catalogue);
        PagableStorage reader = PagableStorage.builder()
                .contentStore(new SharedStore(((DefaultPagableStorage) storage).contentStore()))
                .registerTypes(Circle.class, Square.class)
                .build();

        assertThat(reader.load(key, Catalogue.class)).isEqualTo(catalogue);
    }

    @Property(tries = 50)
    void polymorphicListsKeepTheirOrderInTheKey(@ForAll("shapes") List<Shape> shapes) {
        Drawing drawing = new Drawing("d", new Circle(1), shapes, Map.of());
        List<Shape> reversed = new ArrayList<>(shapes);
        Collections.reverse(reversed);

        DataKey key = storage().save(drawing);

        if (!reversed.equals(shapes)) {
            assertThat(storage().save(new Drawing("d", new Circle(1), reversed, Map.of())))
                    .isNotEqualTo(key);
        }
    }

    @Property(tries = 100)
    void equalNodeGraphsAtPolymorphicPositionsGiveEqualKeysAndLoadBack(@ForAll("partNames") List<String> names) {
        DataKey first = storage().save(assembly(names));
        PagableStorage storage = storage();
        DataKey second = storage.save(assembly(names));

        assertThat(second).isEqualTo(first);
        PagableStorage reader = PagableStorage.builder()
                .contentStore(new SharedStore(((DefaultPagableStorage) storage).contentStore()))
                .registerTypes(Bolt.class, Assembly.class, Label.class)
                .build();
        assertThat(reader.load(second, Assembly.class)).isEqualTo(assembly(names));
    }

    @Property(tries = 50)
    void nodeOrAValueOfTheSameNameGiveDifferentKeys(@ForAll("partNames") List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<Part> swapped = new ArrayList<>(assembly(names).parts());
        String first = names.get(0);
        swapped.set(0, (swapped.get(0) instanceof Bolt) ? new Label(first) : new Bolt(first));

        assertThat(storage().save(new Assembly("a", swapped)))
                .isNotEqualTo(storage().save(assembly(names)));
    }

    /** Fresh instances each call; a name starting with "l" is a label value, any other a bolt node. */
    private static Assembly assembly(List<String> names) {
        List<Part> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(name.startsWith("l") ? new Label(name) : new Bolt(name));
        }
        return new Assembly("a", parts);
    }

    @Provide
    Arbitrary<List<String>> partNames() {
        return Arbitraries.of("b1", "b2", "b3", "l1", "l2").list().ofMaxSize(8);
    }

    private static PagableStorage storage() {
        return PagableStorage.builder()
                .registerTypes(Circle.class, Square.class, Bolt.class, Assembly.class, Label.class)
                .build();
    }

    @Provide
    Arbitrary<Catalogue> catalogues() {
        Arbitrary<String> names = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<Map<String, Integer>> counts =
                Arbitraries.maps(names, Arbitraries.integers()).ofMaxSize(12);
        Arbitrary<Set<String>> tags = names.set().ofMaxSize(12);
        Arbitrary<Map<Color, List<String>>> byColor = Arbitraries.maps(
                        Arbitraries.of(Color.class), names.list().ofMaxSize(3))
                .ofMaxSize(3);
        return Combinators.combine(names, counts, tags, byColor, shapes()).as(Catalogue::new);
    }

    @Provide
    Arbitrary<List<Shape>> shapes() {
        Arbitrary<Shape> circle = Arbitraries.doubles().between(0, 100).map(Circle::new);
        Arbitrary<Shape> square = Arbitraries.doubles().between(0, 100).map(Square::new);
        return Arbitraries.oneOf(circle, square).list().ofMaxSize(6);
    }

    private static <K, V> Map<K, V> shuffledMap(Map<K, V> map, long seed) {
        List<K> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, new Random(seed));
        Map<K, V> shuffled = (seed % 2 == 0) ? new LinkedHashMap<>() : new HashMap<>(1);
        keys.forEach((key) -> shuffled.put(key, map.get(key)));
        return shuffled;
    }

    private static <T> Set<T> shuffledSet(Set<T> set, long seed) {
        List<T> elements = new ArrayList<>(set);
        Collections.shuffle(elements, new Random(seed));
        Set<T> shuffled = (seed % 2 == 0) ? new LinkedHashSet<>() : new HashSet<>(1);
        shuffled.addAll(elements);
        return shuffled;
    }
}
