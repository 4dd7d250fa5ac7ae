package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.cbor.CBORMapper;

class ByteStringPayloadTests {

    private static final DataKey KEY = DataKey.compute(new byte[] {2}, List.of());

    private static final ChildSink NO_CHILDREN = ChildSink.none();

    private static final ChildSource NO_SOURCE = ChildSource.none();

    private final NodeCodec codec = new NodeCodec(TypeRegistry.empty(), 1 << 20);

    private Object decode(byte[] data) {
        NodeHeader header = codec.readHeader(KEY, data, 0);
        return codec.decode(KEY, data, header, 0, codec.javaType(byte[].class), NO_SOURCE);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 23, 24, 255, 256, 1024, 65_535, 65_536, 100_000})
    void byteArrayNodeHasTheBytesJacksonWritesAndReadsBack(int length) {
        byte[] value = random(length);

        byte[] data = codec.encode(value, NO_CHILDREN);

        byte[] jackson = new CBORMapper().writeValueAsBytes(value);
        assertThat(HexFormat.of().formatHex(data, 2, data.length))
                .isEqualTo(HexFormat.of().formatHex(jackson));
        assertThat(data[0]).as("format version").isEqualTo((byte) 1);
        assertThat(data[1]).as("tag length").isZero();
        assertThat((byte[]) decode(data)).isEqualTo(value);
    }

    @Test
    void byteStringInChunksIsStillReadByJackson() {
        // an indefinite-length byte string of two chunks, [01] and [02]
        byte[] data = HexFormat.of().parseHex("01005f41014102ff");

        assertThat((byte[]) decode(data)).containsExactly(1, 2);
    }

    @Test
    void byteStringFollowedByMoreBytesIsCorruptNamingTheKey() {
        byte[] data = HexFormat.of().parseHex("0100420102ff");

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> decode(data))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(KEY));
    }

    @Test
    void byteStringLongerThanTheNodeIsCorruptNamingTheKey() {
        byte[] data = HexFormat.of().parseHex("0100590400aabb");

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> decode(data))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(KEY));
    }

    @Test
    void encoderBufferIsReusedAfterALargeNodeWithoutMixingPayloads() {
        record Blob(String name, byte[] bytes) {}
        byte[] large = codec.encode(new Blob("large", random(200_000)), NO_CHILDREN);
        byte[] small = codec.encode(new Blob("small", random(3)), NO_CHILDREN);
        byte[] again = codec.encode(new Blob("small", random(3)), NO_CHILDREN);

        assertThat(small).isEqualTo(again).hasSizeLessThan(40);
        assertThat(large).hasSizeGreaterThan(200_000);
    }
}
