package io.pagable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.UnknownTypeTagException;
import io.pagable.UnregisteredTypeException;
import io.pagable.codec.TypeRegistry;
import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import io.pagable.model.Triangle;
import io.pagable.store.InMemoryContentStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolymorphismTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private PagableStorage storage(Class<?>... types) {
        return PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .registerTypes(types)
                .build();
    }

    @Test
    void unknownTagOnReadNamesTheTagAndListsKnownOnes() {
        DataKey key = storage(Circle.class, Square.class).save(new Drawing("d", new Circle(1), List.of(), Map.of()));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> storage(Square.class).load(key, Drawing.class))
                .satisfies((ex) -> assertThat(ex.getTag()).isEqualTo("shape.circle"))
                .withMessageContaining("'shape.circle'")
                .withMessageContaining("[shape.square]")
                .withMessageContaining(key.toHex());
    }

    @Test
    void unregisteredSubtypeOnWriteNamesTheClassAndHowToRegisterIt() {
        PagableStorage storage = storage(Circle.class);

        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Drawing("d", new Triangle(1, 2), List.of(), Map.of())))
                .satisfies((ex) -> assertThat(ex.getType()).isEqualTo(Triangle.class))
                .withMessageContaining(Triangle.class.getName())
                .withMessageContaining(Shape.class.getName())
                .withMessageContaining("registerTypes(Triangle.class)");
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void unregisteredSubtypeInAnArcOfAnInterfaceIsRejectedOnWrite() {
        PagableStorage storage = storage(Circle.class);
        record Holder(io.pagable.PagableArc<Shape> shape) {}

        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Holder(storage.arc(new Triangle(3, 4)))))
                .withMessageContaining(Triangle.class.getName());
    }

    @Test
    void tagOfAClassThatDoesNotFitTheDeclaredTypeIsRejected() {
        DataKey key = storage(Circle.class).save(new Circle(2));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> storage(Circle.class).load(key, Square.class))
                .withMessageContaining("shape.circle")
                .withMessageContaining(Square.class.getName());
    }

    @Test
    void tagNamingAJdkClassIsNeverInstantiated() {
        PagableStorage forger = PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .typeRegistry(TypeRegistry.builder()
                        .register("java.lang.ProcessBuilder", Circle.class)
                        .build())
                .build();
        DataKey forged = forger.save(new Drawing("d", new Circle(1), List.of(), Map.of()));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> storage(Circle.class).load(forged, Drawing.class))
                .withMessageContaining("'java.lang.ProcessBuilder'")
                .withMessageContaining("[shape.circle]");
    }

    @Test
    void registryGivenToTheBuilderIsUsed() {
        PagableStorage storage = PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .typeRegistry(TypeRegistry.of(Circle.class))
                .build();

        DataKey key = storage.save(new Drawing("d", new Circle(3), List.of(new Circle(4)), Map.of()));

        assertThat(storage(Circle.class).load(key, Drawing.class).shapes()).containsExactly(new Circle(4));
    }

    @Test
    void arcOfACollectionOfAPolymorphicTypeIsRefusedWithTheFix() {
        PagableStorage storage = storage(Circle.class);
        record Holder(io.pagable.PagableArc<List<Shape>> shapes) {}

        assertThatExceptionOfType(io.pagable.PagableException.class)
                .isThrownBy(() -> storage.save(new Holder(storage.arc(List.of(new Circle(1))))))
                .withMessageContaining("PagableArc<java.util.List<" + Shape.class.getName() + ">>")
                .withMessageContaining("Hold the collection in a record");
    }

    @Test
    void arcOfARecordHoldingPolymorphicElementsRoundTrips() {
        PagableStorage storage = storage(Circle.class, Square.class);
        record Members(List<Shape> items) {}
        record Holder(io.pagable.PagableArc<Members> shapes) {}
        DataKey key = storage.save(new Holder(storage.arc(new Members(List.of(new Circle(1), new Square(2))))));

        assertThat(storage(Circle.class, Square.class)
                        .load(key, Holder.class)
                        .shapes()
                        .get()
                        .items())
                .containsExactly(new Circle(1), new Square(2));
    }
}
