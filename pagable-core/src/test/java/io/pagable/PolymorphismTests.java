package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Assembly;
import io.pagable.model.Bolt;
import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Kit;
import io.pagable.model.Label;
import io.pagable.model.Part;
import io.pagable.model.Payload;
import io.pagable.model.Shape;
import io.pagable.model.Square;
import io.pagable.model.Triangle;
import io.pagable.model.Washer;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.util.HexFormat;
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

    // Parts: @PagableNode classes (Bolt, Assembly) and a value class (Label) at polymorphic positions.

    private static final Class<?>[] PARTS = {Bolt.class, Assembly.class, Label.class};

    /** A kit whose bolts are referenced from a field, a list (twice), a map and a nested assembly. */
    private static Kit kit() {
        Bolt m6 = new Bolt("m6");
        Bolt m8 = new Bolt("m8");
        Assembly frame = new Assembly("frame", List.of(m6, new Label("top"), m8));
        return new Kit("kit", frame, List.of(m6, m8, m6, new Label("spare")), Map.of("x", m8));
    }

    /**
     * The nodes of {@link #kit()} as the release before bare node references wrote them (node format
     * 1, a node at a polymorphic position as a [tag, index] array), root first: key, data, child keys.
     */
    private static final String[][] KIT_IN_FORMAT_1 = {
        {
            "f9d54fcbf37fc452c50f8b10fd3252e2",
            "010007bf646e616d65636b6974646d61696e9f6d706172742e617373656d626c7900ff657061727473849f69706172742e626f"
                    + "6c7401ff9f69706172742e626f6c7402ff9f69706172742e626f6c7401ff9f6a706172742e6c6162656cbf646e616d6565"
                    + "7370617265ffff656e616d6564bf61789f69706172742e626f6c7402ffffff",
            "ac2b9972bfe8b6b4f716fd089095d13c 0e53c9cb46a492337b590a05f2aba23f 482e00385cbd2a267ee44df077906fbe"
        },
        {
            "ac2b9972bfe8b6b4f716fd089095d13c",
            "010d706172742e617373656d626c7903bf646e616d65656672616d65657061727473839f69706172742e626f6c7400ff9f6a70"
                    + "6172742e6c6162656cbf646e616d6563746f70ffff9f69706172742e626f6c7401ffff",
            "0e53c9cb46a492337b590a05f2aba23f 482e00385cbd2a267ee44df077906fbe"
        },
        {"0e53c9cb46a492337b590a05f2aba23f", "0109706172742e626f6c74bf646e616d65626d36ff", ""},
        {"482e00385cbd2a267ee44df077906fbe", "0109706172742e626f6c74bf646e616d65626d38ff", ""}
    };

    /** The root of {@link #kit()} in node format 2: every bolt is a bare child index. */
    private static final String KIT_ROOT_IN_FORMAT_2 = "020007bf646e616d65636b6974646d61696e00657061727473840102019f6a"
            + "706172742e6c6162656cbf646e616d65657370617265ffff656e616d6564bf617802ffff";

    private static StoredNode node(String hex, List<DataKey> children) {
        return StoredNode.of(HexFormat.of().parseHex(hex), children);
    }

    private static List<DataKey> keys(String hexes) {
        return hexes.isEmpty()
                ? List.of()
                : java.util.Arrays.stream(hexes.split(" "))
                        .map(DataKey::fromHex)
                        .toList();
    }

    @Test
    void nodesAtPolymorphicPositionsRoundTripAsOneInstancePerKey() {
        DataKey key = storage(PARTS).save(kit());

        Kit loaded = storage(PARTS).load(key, Kit.class);

        assertThat(loaded).isEqualTo(kit());
        Assembly frame = (Assembly) loaded.main();
        assertThat(loaded.parts().get(0))
                .isSameAs(loaded.parts().get(2))
                .isSameAs(frame.parts().get(0));
        assertThat(loaded.parts().get(1))
                .isSameAs(loaded.named().get("x"))
                .isSameAs(frame.parts().get(2));
    }

    @Test
    void nodeAtAPolymorphicPositionIsWrittenAsItsBareChildIndex() {
        DataKey key = storage(PARTS).save(kit());

        StoredNode root = store.get(key).orElseThrow();
        assertThat(HexFormat.of().formatHex(root.data())).isEqualTo(KIT_ROOT_IN_FORMAT_2);
        assertThat(root.data()[0]).as("format version").isEqualTo((byte) 2);
        assertThat(root.children()).hasSize(3);
    }

    @Test
    void bareChildIndexSavesTheTaggedArrayOfEveryNodeElement() {
        DataKey key = storage(PARTS).save(kit());

        int before = HexFormat.of().parseHex(KIT_IN_FORMAT_1[0][1]).length;
        int after = store.get(key).orElseThrow().data().length;
        // four bolt references of 13 bytes ([, "part.bolt", index, ]) and one assembly of 17 become 1 byte each
        assertThat(before - after).isEqualTo(4 * 12 + 16);
    }

    @Test
    void nodesWithoutBareReferencesKeepTheirFormat1BytesAndKeys() {
        PagableStorage storage = storage(Circle.class, Square.class);
        Drawing drawing =
                new Drawing("d", new Circle(1), List.of(new Square(2), new Circle(3)), Map.of("s", new Square(4)));

        assertThat(storage.save(drawing).toHex()).isEqualTo("0e61f8dce22c27e4d3fd500c449984e4");
        assertThat(storage.save(Samples.everything()).toHex()).isEqualTo("5e88f55c36355f7c69fe993e680ee168");
        assertThat(storage(PARTS).save(new Bolt("m6")).toHex()).isEqualTo(KIT_IN_FORMAT_1[2][0]);
        assertThat(store.get(storage.save(drawing)).orElseThrow().data()[0])
                .as("format version")
                .isEqualTo((byte) 1);
    }

    @Test
    void nodesWrittenAsTaggedArraysBeforeBareReferencesStillRead() {
        for (String[] node : KIT_IN_FORMAT_1) {
            StoredNode stored = node(node[1], keys(node[2]));
            assertThat(stored.key().toHex()).isEqualTo(node[0]);
            store.put(stored);
        }

        Kit loaded = storage(PARTS).load(DataKey.fromHex(KIT_IN_FORMAT_1[0][0]), Kit.class);

        assertThat(loaded).isEqualTo(kit());
        assertThat(loaded.parts().get(0)).isSameAs(loaded.parts().get(2));
        assertThat(loaded.parts().get(1))
                .isSameAs(((Assembly) loaded.main()).parts().get(2));
    }

    @Test
    void unregisteredNodeAtAPolymorphicPositionIsRejectedOnWrite() {
        PagableStorage storage = storage(PARTS);

        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Kit("k", new Washer("w"), List.of(), Map.of())))
                .satisfies((ex) -> assertThat(ex.getType()).isEqualTo(Washer.class))
                .withMessageContaining(Part.class.getName());
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void unknownTagOfANodeAtAPolymorphicPositionIsNamedWithTheNodesKey() {
        DataKey kitKey = storage(PARTS).save(kit());
        DataKey boltKey = storage(PARTS).save(new Bolt("m6"));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> storage(Assembly.class, Label.class).load(kitKey, Kit.class))
                .satisfies((ex) -> assertThat(ex.getTag()).isEqualTo("part.bolt"))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(boltKey))
                .withMessageContaining("[part.assembly, part.label]");
    }

    /** The assembly of {@link #kit()} in node format 2: parts [bare 0, a label value, bare 1]. */
    private static final String ASSEMBLY_IN_FORMAT_2 =
            "020d706172742e617373656d626c7903bf646e616d65656672616d656570617274"
                    + "7383009f6a706172742e6c6162656cbf646e616d6563746f70ffff01ff";

    /** Stores a forged node and returns its key, as a hostile writer with a valid hash would. */
    private DataKey forge(String hex, List<DataKey> children) {
        StoredNode forged = node(hex, children);
        store.put(forged);
        return forged.key();
    }

    @Test
    void bareIndexNamingANodeOfAnotherTypeIsRejectedWithItsTag() {
        DataKey circle = storage(Circle.class).save(new Circle(1));
        DataKey m8 = storage(PARTS).save(new Bolt("m8"));
        DataKey forged = forge(ASSEMBLY_IN_FORMAT_2, List.of(circle, m8));

        assertThatExceptionOfType(UnknownTypeTagException.class)
                .isThrownBy(() -> storage(Circle.class, Bolt.class, Assembly.class, Label.class)
                        .load(forged, Part.class))
                .satisfies((ex) -> assertThat(ex.getTag()).isEqualTo("shape.circle"))
                .withMessageContaining(Part.class.getName());
    }

    @Test
    void bareIndexNamingAValueThatIsNotANodeIsCorruptNamingTheKey() {
        DataKey label = storage(PARTS).save(new Label("not a node"));
        DataKey m8 = storage(PARTS).save(new Bolt("m8"));
        DataKey forged = forge(ASSEMBLY_IN_FORMAT_2, List.of(label, m8));

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> storage(PARTS).load(forged, Part.class))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(forged))
                .withMessageContaining("child 0 is referenced as a @PagableNode " + Part.class.getName())
                .withMessageContaining(Label.class.getName());
    }

    @Test
    void bareIndexOutOfRangeIsCorruptNamingTheKey() {
        List<DataKey> bolts =
                List.of(storage(PARTS).save(new Bolt("m6")), storage(PARTS).save(new Bolt("m8")));
        DataKey forged = forge(ASSEMBLY_IN_FORMAT_2.replace("7383009f", "7383179f"), bolts);

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> storage(PARTS).load(forged, Part.class))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(forged))
                .withMessageContaining("index 23 but the node has 2 children");
    }

    @Test
    void nodeReferenceNamingALazyChildIsCorruptInEitherForm() {
        List<DataKey> bolts =
                List.of(storage(PARTS).save(new Bolt("m6")), storage(PARTS).save(new Bolt("m8")));
        // the eager bitmap now marks child 1, which the last part references, as a lazy arc
        DataKey bare = forge(ASSEMBLY_IN_FORMAT_2.replace("626c7903bf", "626c7901bf"), bolts);
        DataKey tagged = forge(KIT_IN_FORMAT_1[1][1].replace("626c7903bf", "626c7901bf"), bolts);

        for (DataKey forged : List.of(bare, tagged)) {
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> storage(PARTS).load(forged, Part.class))
                    .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(forged))
                    .withMessageContaining("child 1, which the node's header marks as a lazy arc");
        }
    }

    @Test
    void nodeHeldInAnArcOfAPolymorphicTypeKeepsItsTagAndRoundTrips() {
        PagableStorage storage = storage(PARTS);
        record Holder(PagableArc<Part> part, Payload note) {}
        DataKey key = storage.save(new Holder(storage.arc(new Bolt("m6")), new Payload("n", new byte[] {1})));

        Holder loaded = storage(PARTS).load(key, Holder.class);

        assertThat(loaded.part().get()).isEqualTo(new Bolt("m6"));
    }
}
