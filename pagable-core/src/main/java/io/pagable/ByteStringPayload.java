package io.pagable;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The node of a {@code byte[]} root with no type tag and no children, written and read without Jackson:
 * a header of format version 1, tag length 0 and no bitmap, and a payload of one CBOR byte string
 * (RFC 8949 major type 2, its length in the shortest form). Jackson writes exactly these bytes; this only
 * skips its per-call setup (context, generator, parser), which costs more than the copy of a small array.
 */
final class ByteStringPayload {

    private static final int MAJOR_TYPE_BYTES = 0x40;

    private ByteStringPayload() {}

    /** Returns the whole node of {@code value}. */
    static byte[] encode(byte[] value, int formatVersion) {
        int length = value.length;
        int lengthBytes = (length < 24) ? 0 : (length < 0x100) ? 1 : (length < 0x10000) ? 2 : 4;
        byte[] data = new byte[2 + 1 + lengthBytes + length];
        data[0] = (byte) formatVersion;
        data[1] = 0;
        int at = 2;
        if (lengthBytes == 0) {
            data[at++] = (byte) (MAJOR_TYPE_BYTES | length);
        } else {
            data[at++] = (byte) (MAJOR_TYPE_BYTES | (23 + Integer.numberOfTrailingZeros(lengthBytes) + 1));
            for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
                data[at++] = (byte) (length >>> shift);
            }
        }
        System.arraycopy(value, 0, data, at, length);
        return data;
    }

    /**
     * Reads a payload that is exactly one definite-length CBOR byte string.
     *
     * @return its bytes, or {@code null} when the payload is anything else (Jackson then reads it, and
     *     reports what is wrong with it)
     */
    static byte @Nullable [] decode(byte[] data, int offset) {
        if (offset >= data.length || (data[offset] & 0xE0) != MAJOR_TYPE_BYTES) {
            return null;
        }
        int info = data[offset] & 0x1F;
        int at = offset + 1;
        long length;
        if (info < 24) {
            length = info;
        } else if (info <= 26) {
            int lengthBytes = 1 << (info - 24);
            if (at + lengthBytes > data.length) {
                return null;
            }
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | (data[at++] & 0xFF);
            }
        } else {
            return null; // 8-byte lengths, indefinite length (chunks) or reserved
        }
        if (length != data.length - at) {
            return null;
        }
        return Arrays.copyOfRange(data, at, data.length);
    }
}
