package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.type.TypeFactory;

class NoChildrenTests {

    @Test
    void theEmptySinkCountsNoChildrenAndRefusesAReference() {
        ChildSink sink = ChildSink.none();

        assertThat(sink.count()).isZero();
        assertThatIllegalStateException()
                .isThrownBy(() -> sink.reference("child", true, TypeFactory.unknownType()))
                .withMessageContaining("java.lang.String");
    }

    @Test
    void theEmptySourceRefusesToResolveAChild() {
        ChildSource source = ChildSource.none();

        assertThatIllegalStateException()
                .isThrownBy(() -> source.node(3, TypeFactory.unknownType()))
                .withMessageContaining("child 3");
        assertThatIllegalStateException().isThrownBy(() -> source.arc(0, TypeFactory.unknownType()));
    }
}
