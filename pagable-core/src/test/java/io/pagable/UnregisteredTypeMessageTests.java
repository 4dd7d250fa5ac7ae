package io.pagable;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Drawing;
import io.pagable.model.Shape;
import io.pagable.model.Triangle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an {@link UnregisteredTypeException} says: why the position needs a tag, and how to give one. */
class UnregisteredTypeMessageTests {

    private final PagableStorage storage = PagableStorage.builder().build();

    abstract static class Vehicle {}

    static final class Car extends Vehicle {}

    record Garage(Vehicle vehicle) {}

    static class Loop {
        Loop next;
    }

    @Test
    void interfaceFieldMessageSaysInterfaceAndHowToRegister() {
        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Drawing("d", new Triangle(1, 2), List.of(), Map.of())))
                .withMessageContaining("Cannot write a " + Triangle.class.getName())
                .withMessageContaining("where " + Shape.class.getName() + " is declared")
                .withMessageContaining("is an interface")
                .withMessageContaining("Annotate Triangle with @PagableType(\"a.stable.name\")")
                .withMessageContaining("registerTypes(Triangle.class)")
                .withMessageContaining("registerPackages(\"io.pagable.model\")")
                .withMessageNotContaining("non-final");
    }

    @Test
    void abstractFieldMessageSaysAbstractAndHowToRegister() {
        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Garage(new Car())))
                .withMessageContaining("Cannot write a " + Car.class.getName())
                .withMessageContaining("where " + Vehicle.class.getName() + " is declared")
                .withMessageContaining("is an abstract class")
                .withMessageContaining("@PagableType(\"a.stable.name\")")
                .withMessageContaining("registerTypes(Car.class)")
                .withMessageContaining("registerPackages(\"io.pagable\")");
    }

    @Test
    void nonFinalFieldMessageSaysNonFinalAndOffersFinal() {
        Loop loop = new Loop();
        loop.next = new Loop();

        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(loop))
                .withMessageContaining(
                        "Cannot write a " + Loop.class.getName() + " where " + Loop.class.getName() + " is declared")
                .withMessageContaining("is a non-final class")
                .withMessageContaining("Annotate Loop with @PagableType(\"a.stable.name\")")
                .withMessageContaining("registerTypes(Loop.class)")
                .withMessageContaining("declare Loop final (or a record)");
    }

    @Test
    void anonymousClassMessageAsksForANamedClass() {
        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Garage(new Vehicle() {})))
                .withMessageContaining("is an abstract class")
                .withMessageContaining("An anonymous class cannot carry a tag")
                .withMessageNotContaining("registerTypes(.class)");
    }
}
