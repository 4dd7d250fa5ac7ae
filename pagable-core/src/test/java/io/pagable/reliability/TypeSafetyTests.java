package io.pagable.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableNode;
import io.pagable.PagableStorage;
import io.pagable.TypeRegistry;
import io.pagable.UnknownTypeTagException;
import io.pagable.model.Circle;
import io.pagable.model.Gadget;
import io.pagable.model.Money;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import io.pagable.store.InMemoryContentStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored data can name only registered tags, a tag must name a class that fits the position it is
 * read into, and no class named by the data is ever loaded or instantiated: in a polymorphic field, a
 * list, a map, a lazy arc, an eager node, at the root, and in untyped ({@code Object}) positions.
 */
class TypeSafetyTests {

    /** Classes whose instantiation from data is a known remote-code-execution gadget, and our tripwire. */
    private static final List<String> GADGETS = List.of(
            "java.lang.ProcessBuilder",
            "java.lang.Runtime",
            "com.sun.rowset.JdbcRowSetImpl",
            "javax.script.ScriptEngineManager",
            "java.net.URLClassLoader",
            "org.springframework.context.support.ClassPathXmlApplicationContext",
            "ch.qos.logback.core.db.DriverManagerConnectionSource",
            Tripwire.class.getName());

    private final InMemoryContentStore store = new InMemoryContentStore();

    /** A node holding a shape eagerly: its shape field is polymorphic too. */
    @PagableNode
    public record Frame(String name, Shape shape) {}

    /** Every kind of position a polymorphic value can take. */
    public record Canvas(
            Shape main,
            List<Shape> shapes,
            Map<String, Shape> named,
            PagableArc<Shape> lazy,
            Frame frame,
            List<Object> untyped) {}

    @BeforeEach
    @AfterEach
    void tripwireUntouched() {
        assertThat(System.getProperty(Tripwire.INITIALIZED))
                .as("Tripwire initialized from data")
                .isNull();
        assertThat(System.getProperty(Tripwire.CONSTRUCTED))
                .as("Tripwire constructed from data")
                .isNull();
    }

    private PagableStorage storage(TypeRegistry registry) {
        return PagableStorage.builder()
                .contentStore(store)
                .typeRegistry(registry)
                .cacheMaximumSize(0)
                .build();
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("field", (Position) (shape, forger) ->
                        new Canvas(shape, List.of(), Map.of(), forger.arc(new Square(1)), null, List.of())),
                Arguments.of("list element", (Position) (shape, forger) -> new Canvas(
                        new Square(1),
                        List.of(new Square(2), shape),
                        Map.of(),
                        forger.arc(new Square(1)),
                        null,
                        List.of())),
                Arguments.of("map value", (Position) (shape, forger) -> new Canvas(
                        new Square(1), List.of(), Map.of("k", shape), forger.arc(new Square(1)), null, List.of())),
                Arguments.of("lazy arc", (Position) (shape, forger) ->
                        new Canvas(new Square(1), List.of(), Map.of(), forger.arc(shape), null, List.of())),
                Arguments.of("eager node", (Position) (shape, forger) -> new Canvas(
                        new Square(1),
                        List.of(),
                        Map.of(),
                        forger.arc(new Square(1)),
                        new Frame("f", shape),
                        List.of())));
    }

    /** Builds a canvas with {@code shape} in one position, using {@code forger} for arcs. */
    interface Position {
        Canvas canvas(Shape shape, PagableStorage forger);
    }

    private DataKey forge(String tag, Position position) {
        PagableStorage forger = storage(TypeRegistry.builder()
                .register(tag, Circle.class)
                .register("shape.square", Square.class)
                .build());
        return forger.save(position.canvas(new Circle(1), forger));
    }

    /** Reads a canvas completely: fields, collections, the lazy arc and the eager node. */
    private static void readWholly(PagableStorage reader, DataKey key) {
        Canvas canvas = reader.load(key, Canvas.class);
        canvas.lazy().get();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void tagOfAClassThatDoesNotFitTheDeclaredTypeIsRejected(String where, Position position) {
        DataKey key = forge("shape.circle", position);
        // The reader has the tag, but for a class that is not a Shape.
        PagableStorage reader = storage(TypeRegistry.builder()
                .register("shape.circle", Money.class)
                .register("shape.square", Square.class)
                .build());

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> readWholly(reader, key))
                .withMessageContaining("shape.circle")
                .withMessageContaining(Money.class.getName())
                .withMessageContaining(Shape.class.getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void tagNamingAGadgetClassIsNeverResolved(String where, Position position) {
        PagableStorage reader = storage(TypeRegistry.of(Circle.class, Square.class));
        for (String gadget : GADGETS) {
            DataKey key = forge(gadget, position);

            assertThatExceptionOfType(UnknownTypeTagException.class)
                    .isThrownBy(() -> readWholly(reader, key))
                    .satisfies((ex) -> assertThat(ex.getTag()).isEqualTo(gadget))
                    .withMessageContaining("'" + gadget + "'")
                    .withMessageContaining("[shape.circle, shape.square]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.ProcessBuilder", "io.pagable.reliability.Tripwire"})
    void rootTagNamingAGadgetClassIsNeverResolved(String gadget) {
        DataKey key = storage(
                        TypeRegistry.builder().register(gadget, Circle.class).build())
                .save(new Circle(3));
        PagableStorage reader = storage(TypeRegistry.of(Circle.class, Square.class));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> reader.load(key, Shape.class))
                .withMessageContaining("'" + gadget + "'");
        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> reader.arc(key, Object.class).get())
                .withMessageContaining("'" + gadget + "'");
    }

    @Test
    void classNamesInUntypedPositionsStayPlainData() {
        PagableStorage storage = storage(TypeRegistry.of(Circle.class, Square.class));
        List<Object> forged = List.of(
                List.of(Tripwire.class.getName(), Map.of("area", 1)),
                Map.of("@class", Tripwire.class.getName()),
                Map.of("@type", "java.lang.ProcessBuilder", "command", List.of("touch", "/tmp/pwned")),
                List.of("java.lang.ProcessBuilder", List.of("touch", "/tmp/pwned")));
        DataKey key = storage.save(new Gadget(new Circle(1), forged));

        Gadget read = storage(TypeRegistry.of(Circle.class, Square.class)).load(key, Gadget.class);

        assertThat(read.anything()).isEqualTo(forged);
        assertThat(read.anything()).allSatisfy((element) -> assertThat(element).isInstanceOfAny(List.class, Map.class));
    }
}
