package io.pagable;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer Jackson writes one node's payload into, reused by its thread, so the encoder
 * allocates the node's bytes once, header and payload together, instead of a payload array first.
 * Buffers grown past {@value #MAX_RETAINED} bytes are not kept.
 */
final class PayloadBuffer extends OutputStream {

    private static final int MAX_RETAINED = 64 * 1024;

    /** One slot per thread; empty while its buffer is in use, so a nested encode gets its own. */
    private static final ThreadLocal<PayloadBuffer[]> FREE = ThreadLocal.withInitial(() -> new PayloadBuffer[1]);

    private byte[] bytes = new byte[512];

    private int size;

    private PayloadBuffer() {}

    static PayloadBuffer acquire() {
        PayloadBuffer[] slot = FREE.get();
        PayloadBuffer buffer = slot[0];
        if (buffer == null) {
            return new PayloadBuffer();
        }
        slot[0] = null;
        return buffer;
    }

    /** Empties the buffer and hands it back to its thread. */
    void release() {
        size = 0;
        if (bytes.length <= MAX_RETAINED) {
            FREE.get()[0] = this;
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (more > bytes.length - size) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("A node payload of " + wanted + " bytes does not fit a byte array");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
