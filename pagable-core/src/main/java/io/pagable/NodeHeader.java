package io.pagable;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * The header of an encoded node: its root type tag (if the root's class is registered) and which
 * children are eager nodes rather than lazy arcs, so a reader can fetch eager children in one batch
 * before decoding.
 *
 * @param tag the root's type tag, or {@code null}
 * @param eagerChildren bit i set when child i is an eager {@link io.pagable.PagableNode}
 * @param payloadOffset where the CBOR payload starts in the node's bytes
 */
record NodeHeader(@Nullable String tag, BitSet eagerChildren, int payloadOffset) {

    /**
     * Reads a node's header, checking its version and lengths.
     *
     * @param key the node's key, for error messages
     * @param data the node's bytes
     * @param childCount the number of child keys stored with the node
     * @return the header
     * @throws CorruptDataException if the header is malformed
     * @throws IncompatibleFormatException if the node was written by a newer format version
     */
    static NodeHeader read(DataKey key, byte[] data, int childCount) {
        if (data.length == 0) {
            throw new CorruptDataException(key, "the node is empty");
        }
        int version = data[0] & 0xFF;
        if (version > NodeCodec.FORMAT_VERSION) {
            throw new IncompatibleFormatException(key, version, NodeCodec.FORMAT_VERSION);
        }
        if (version == 0) {
            throw new CorruptDataException(key, "node format version 0 does not exist");
        }
        int tagLength;
        int position;
        if (data.length > 1 && data[1] >= 0) { // a tag shorter than 128 bytes: a one-byte varint
            tagLength = data[1];
            position = 2;
        } else {
            int[] at = {1};
            tagLength = readVarint(key, data, at);
            position = at[0];
        }
        if (tagLength > NodeCodec.MAX_TAG_BYTES || tagLength > data.length - position) {
            throw new CorruptDataException(key, "type tag length " + tagLength + " exceeds the node");
        }
        String tag = (tagLength == 0) ? null : new String(data, position, tagLength, StandardCharsets.UTF_8);
        position += tagLength;
        int bitmapLength = (childCount + 7) / 8;
        if (bitmapLength > data.length - position) {
            throw new CorruptDataException(
                    key,
                    "the node has " + childCount + " child keys but no room for their " + bitmapLength
                            + "-byte bitmap");
        }
        BitSet eager = new BitSet(childCount);
        for (int i = 0; i < bitmapLength; i++) {
            for (int bits = data[position + i] & 0xFF; bits != 0; bits &= bits - 1) {
                eager.set(i * 8 + Integer.numberOfTrailingZeros(bits));
            }
        }
        if (eager.length() > childCount) {
            throw new CorruptDataException(
                    key,
                    "the eager-child bitmap names child " + (eager.length() - 1) + " but the node has " + childCount
                            + " children");
        }
        return new NodeHeader(tag, eager, position + bitmapLength);
    }

    static int varintLength(int value) {
        int length = 1;
        for (int remaining = value >>> 7; remaining != 0; remaining >>>= 7) {
            length++;
        }
        return length;
    }

    static int writeVarint(byte[] out, int position, int value) {
        int remaining = value;
        int at = position;
        while ((remaining & ~0x7F) != 0) {
            out[at++] = (byte) ((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out[at++] = (byte) remaining;
        return at;
    }

    static int readVarint(DataKey key, byte[] data, int[] position) {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (position[0] >= data.length) {
                throw new CorruptDataException(key, "the node header is cut short");
            }
            int b = data[position[0]++] & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0) {
                    break;
                }
                return result;
            }
        }
        throw new CorruptDataException(key, "the node header holds a malformed length");
    }
}
