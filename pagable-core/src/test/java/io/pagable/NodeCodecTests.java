package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Assembly;
import io.pagable.model.Bolt;
import io.pagable.model.Label;
import io.pagable.model.Part;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;

class NodeCodecTests {

    private static final DataKey KEY = DataKey.compute(new byte[] {1}, List.of());

    private final NodeCodec codec = new NodeCodec(TypeRegistry.of(Bolt.class, Assembly.class, Label.class), 1 << 20);

    /** Numbers children by identity, as the engine does, and hands them back on decode. */
    private static final class Children implements ChildSink, ChildSource {

        final List<Object> children = new ArrayList<>();

        final List<Boolean> eager = new ArrayList<>();

        private final Map<Object, Integer> indices = new IdentityHashMap<>();

        @Override
        public int reference(Object child, boolean isEager, JavaType declaredType) {
            return indices.computeIfAbsent(child, (c) -> {
                children.add(c);
                eager.add(isEager);
                return children.size() - 1;
            });
        }

        @Override
        public int count() {
            return children.size();
        }

        @Override
        public boolean isEager(int index) {
            return eager.get(index);
        }

        @Override
        public Object node(int index, JavaType type) {
            return children.get(index);
        }

        @Override
        public PagableArc<?> arc(int index, JavaType valueType) {
            throw new IllegalStateException("no arcs here");
        }
    }

    private Object decode(byte[] data, int childCount, Class<?> type, ChildSource source) {
        NodeHeader header = codec.readHeader(KEY, data, childCount);
        JavaType root = codec.rootType(KEY, header, codec.javaType(type));
        return codec.decode(KEY, data, header, childCount, root, source);
    }

    @Test
    void nodeElementsOfAPolymorphicListAreBareIndicesAndValuesKeepTheirTag() {
        Bolt m6 = new Bolt("m6");
        Children children = new Children();

        byte[] data = codec.encode(new Assembly("a", List.of(m6, new Label("l"), m6)), children);

        // 02, tag "part.assembly", bitmap 01, {"name": "a", "parts": [0, ["part.label", {"name": "l"}], 0]}
        assertThat(HexFormat.of().formatHex(data))
                .isEqualTo("020d706172742e617373656d626c7901bf646e616d656161657061727473"
                        + "83009f6a706172742e6c6162656cbf646e616d65616cffff00ff");
        assertThat(children.children).containsExactly(m6);
        assertThat(decode(data, 1, Part.class, children)).isEqualTo(new Assembly("a", List.of(m6, new Label("l"), m6)));
    }

    @Test
    void nodeWithoutBareReferencesIsWrittenInFormatVersion1() {
        byte[] data = codec.encode(new Assembly("a", List.of(new Label("l"))), new Children());

        assertThat(data[0]).isEqualTo((byte) 1);
        assertThat(NodeCodec.FORMAT_VERSION).isEqualTo(2);
    }

    @Test
    void bareIndexAsTheRootValueIsCorrupt() {
        Children children = new Children();
        children.reference(new Bolt("m6"), true, codec.javaType(Bolt.class));
        // untagged root, one eager child, payload: the integer 0
        byte[] data = {1, 0, 1, 0};

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> codec.decode(
                        KEY, data, codec.readHeader(KEY, data, 1), 1, codec.javaType(Part.class), children))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(KEY))
                .withMessageContaining("the node's root is a bare child index");
    }
}
