package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.model.Assembly;
import io.pagable.model.Bolt;
import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Everything;
import io.pagable.model.Kit;
import io.pagable.model.Label;
import io.pagable.model.Money;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundTripTests {

    private final PagableStorage storage = PagableStorage.builder()
            .registerTypes(Circle.class, Square.class, Bolt.class, Assembly.class, Label.class)
            .build();

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void everyKindOfValueRoundTrips() {
        Everything original = Samples.everything();

        DataKey key = storage.save(original);
        Everything loaded = freshStorageOnSameStore(key, Everything.class);

        assertThat(loaded).usingRecursiveComparison().ignoringFields("zoned").isEqualTo(original);
        assertThat(loaded.zoned()).isEqualTo(original.zoned());
        assertThat(loaded.bytes()).containsExactly(original.bytes());
        assertThat(loaded.money()).isEqualTo(new Money("EUR", 1999));
    }

    @Test
    void polymorphicFieldsRoundTripTheirConcreteTypes() {
        Drawing drawing =
                new Drawing("d", new Circle(1), List.of(new Square(2), new Circle(3)), Map.of("s", new Square(4)));

        DataKey key = storage.save(drawing);
        Drawing loaded = freshStorageOnSameStore(key, Drawing.class);

        assertThat(loaded).isEqualTo(drawing);
        assertThat(loaded.shapes()).hasExactlyElementsOfTypes(Square.class, Circle.class);
    }

    @Test
    void nodesAtPolymorphicPositionsRoundTripTheirConcreteTypes() {
        Bolt bolt = new Bolt("m6");
        Assembly frame = new Assembly("frame", List.of(bolt, new Label("top"), new Assembly("inner", List.of(bolt))));
        Kit kit = new Kit("kit", frame, List.of(bolt, new Label("spare"), frame), Map.of("b", bolt, "f", frame));

        DataKey key = storage.save(kit);
        Kit loaded = freshStorageOnSameStore(key, Kit.class);

        assertThat(loaded).isEqualTo(kit);
        assertThat(loaded.parts()).hasExactlyElementsOfTypes(Bolt.class, Label.class, Assembly.class);
        assertThat(loaded.main())
                .isSameAs(loaded.parts().get(2))
                .isSameAs(loaded.named().get("f"));
    }

    @Test
    void taggedNodeRootLoadsThroughItsInterface() {
        DataKey key = storage.save(new Assembly("a", List.of(new Bolt("b"), new Label("l"))));

        assertThat(freshStorageOnSameStore(key, io.pagable.model.Part.class))
                .isEqualTo(new Assembly("a", List.of(new Bolt("b"), new Label("l"))));
    }

    @Test
    void taggedRootLoadsThroughItsInterface() {
        DataKey key = storage.save(new Circle(2.5));

        Shape loaded = freshStorageOnSameStore(key, Shape.class);

        assertThat(loaded).isEqualTo(new Circle(2.5));
    }

    @Test
    void nestedGenericRootRoundTrips() {
        Map<String, List<Map<String, Integer>>> value = Map.of("a", List.of(Map.of("x", 1), Map.of("y", 2)));

        DataKey key = storage.save(value);

        assertThat(freshStorageOnSameStore(key, Map.class)).isEqualTo(value);
    }

    private <T> T freshStorageOnSameStore(DataKey key, Class<T> type) {
        DefaultPagableStorage engine = (DefaultPagableStorage) storage;
        PagableStorage other = PagableStorage.builder()
                .contentStore(new SharedStore(engine.contentStore()))
                .registerTypes(Circle.class, Square.class, Bolt.class, Assembly.class, Label.class)
                .build();
        return other.load(key, type);
    }
}
