package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Circle;
import io.pagable.model.DuplicateCircle;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import io.pagable.model.Triangle;
import io.pagable.model.scan.Cat;
import io.pagable.model.scan.sub.Dog;
import org.junit.jupiter.api.Test;

class TypeRegistryTests {

    @Test
    void registersTaggedClassesBothWays() {
        TypeRegistry registry = TypeRegistry.of(Circle.class, Square.class);

        assertThat(registry.tagOf(Circle.class)).isEqualTo("shape.circle");
        assertThat(registry.classFor("shape.square")).isEqualTo(Square.class);
        assertThat(registry.classFor("shape.hexagon")).isNull();
        assertThat(registry.tags()).containsExactly("shape.circle", "shape.square");
    }

    @Test
    void registeringTheSameClassTwiceIsHarmless() {
        assertThat(TypeRegistry.of(Circle.class, Circle.class).tags()).containsExactly("shape.circle");
    }

    @Test
    void duplicateTagIsRejectedNamingBothClasses() {
        assertThatExceptionOfType(TypeRegistrationException.class)
                .isThrownBy(() -> TypeRegistry.of(Circle.class, DuplicateCircle.class))
                .withMessageContaining("'shape.circle'")
                .withMessageContaining(Circle.class.getName())
                .withMessageContaining(DuplicateCircle.class.getName());
    }

    @Test
    void untaggedClassIsRejectedWithTheFix() {
        assertThatExceptionOfType(TypeRegistrationException.class)
                .isThrownBy(() -> TypeRegistry.of(Triangle.class))
                .withMessageContaining(Triangle.class.getName())
                .withMessageContaining("@PagableType");
    }

    @Test
    void abstractTypesAndBlankTagsAreRejected() {
        assertThatExceptionOfType(TypeRegistrationException.class)
                .isThrownBy(() -> TypeRegistry.builder().register("shape", Shape.class))
                .withMessageContaining("not a concrete class");
        assertThatExceptionOfType(TypeRegistrationException.class)
                .isThrownBy(() -> TypeRegistry.builder().register(" ", Circle.class))
                .withMessageContaining("blank");
    }

    @Test
    void packageScanFindsTaggedClassesInSubPackages() {
        TypeRegistry registry =
                TypeRegistry.builder().scan("io.pagable.model.scan").build();

        assertThat(registry.asMap()).containsOnlyKeys("scan.cat", "scan.dog");
        assertThat(registry.classFor("scan.cat")).isEqualTo(Cat.class);
        assertThat(registry.classFor("scan.dog")).isEqualTo(Dog.class);
    }

    @Test
    void packageScanOfAJarFindsNothingUntagged() {
        assertThat(TypeRegistry.builder().scan("org.assertj.core.api").build().tags())
                .isEmpty();
    }
}
