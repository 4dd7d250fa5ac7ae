package io.pagable.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Everything;
import io.pagable.model.Money;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundTripTests {

    private final PagableStorage storage =
            PagableStorage.builder().registerTypes(Circle.class, Square.class).build();

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
                .registerTypes(Circle.class, Square.class)
                .build();
        return other.load(key, type);
    }
}
