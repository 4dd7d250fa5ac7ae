package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataKeyTests {

    @Test
    void computeFollowsTheDocumentedVersionOneLayout() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        DataKey child = DataKey.compute(new byte[] {1}, List.of());

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("pagable.key.v1".getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(4).putInt(1).array());
        sha.update(child.toBytes());
        sha.update(ByteBuffer.allocate(8).putLong(data.length).array());
        sha.update(data);
        byte[] expected = Arrays.copyOf(sha.digest(), 16);

        assertThat(DataKey.compute(data, List.of(child)).toBytes()).containsExactly(expected);
    }

    @Test
    void keyOfAFixedInputNeverChangesAcrossReleases() {
        // Pinned value of format version 1: a change here breaks every stored graph.
        assertThat(DataKey.compute(new byte[0], List.of()).toHex()).isEqualTo(fixedEmptyKey());
    }

    private static String fixedEmptyKey() {
        return "76958aa6a26ea90c018d3b942ed8609f";
    }

    @Test
    void childKeysAndTheirOrderChangeTheKey() {
        DataKey a = DataKey.compute(new byte[] {1}, List.of());
        DataKey b = DataKey.compute(new byte[] {2}, List.of());
        byte[] data = {9};

        assertThat(DataKey.compute(data, List.of(a, b)))
                .isNotEqualTo(DataKey.compute(data, List.of(b, a)))
                .isNotEqualTo(DataKey.compute(data, List.of(a)))
                .isNotEqualTo(DataKey.compute(data, List.of()));
    }

    @Test
    void hexAndBytesRoundTrip() {
        DataKey key = DataKey.compute("x".getBytes(StandardCharsets.UTF_8), List.of());

        assertThat(key.toHex()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(DataKey.fromHex(key.toHex())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(DataKey.fromHex(key.toHex().toUpperCase())).isEqualTo(key);
        assertThat(DataKey.fromBytes(key.toBytes())).isEqualTo(key);
        assertThat(key).hasToString(key.toHex());
    }

    @Test
    void orderingIsUnsignedByteOrder() {
        DataKey low = DataKey.fromHex("00000000000000000000000000000001");
        DataKey high = DataKey.fromHex("ff000000000000000000000000000000");
        DataKey middle = DataKey.fromHex("7f000000000000000000000000000000");

        assertThat(List.of(high, low, middle).stream().sorted()).containsExactly(low, middle, high);
    }

    @Test
    void malformedHexIsRejectedNamingTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DataKey.fromHex("abc"))
                .withMessageContaining("'abc'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DataKey.fromHex("zz000000000000000000000000000000"))
                .withMessageContaining("zz0000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DataKey.fromBytes(new byte[3]))
                .withMessageContaining("3 bytes");
    }
}
