package io.pagable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The content address of one stored node: 16 bytes derived from a cryptographic hash of the node's
 * bytes and of its children's keys, so equal content always has an equal key, in any JVM and
 * across releases.
 *
 * <h2>Key format, version 1</h2>
 * The key is the first 16 bytes of SHA-256 over:
 * <pre>
 *   "pagable.key.v1"            14 ASCII bytes (domain separation and format version)
 *   child count                 4 bytes, unsigned big-endian
 *   child keys                  16 bytes each, in the node's child order
 *   data length                 8 bytes, big-endian
 *   data                        the node's bytes
 * </pre>
 * The format is fixed for {@link #FORMAT_VERSION} 1: a release that changes it must bump the
 * version and keep reading keys of the old one. SHA-256 was chosen over BLAKE3 after measuring
 * both (see the benchmarks module): on the JDK's intrinsic SHA-256 it is as fast or faster for
 * the node sizes this library stores and needs no extra dependency.
 *
 * <p>Instances are immutable, compare by value and order by unsigned byte comparison.
 */
public final class DataKey implements Comparable<DataKey> {

    /** Number of bytes in a key. */
    public static final int LENGTH = 16;

    /** Version of the key derivation described in the class documentation. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] DOMAIN = "pagable.key.v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final HexFormat HEX = HexFormat.of();

    private final long high;

    private final long low;

    private DataKey(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /**
     * Computes the key of a node from its bytes and its ordered child keys, as described in the
     * class documentation.
     *
     * @param data the node's bytes
     * @param children the keys of the node's children, in order
     * @return the node's key
     */
    public static DataKey compute(byte[] data, List<DataKey> children) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(children, "children");
        Hasher hasher = HASHER.get();
        MessageDigest digest = hasher.digest;
        digest.reset();
        digest.update(DOMAIN);
        int headerLength = 4 + children.size() * LENGTH + 8;
        byte[] header = (headerLength <= hasher.scratch.length) ? hasher.scratch : new byte[headerLength];
        int at = 0;
        at = putInt(header, at, children.size());
        for (DataKey child : children) {
            at = putLong(header, at, child.high);
            at = putLong(header, at, child.low);
        }
        putLong(header, at, data.length);
        digest.update(header, 0, headerLength);
        digest.update(data);
        try {
            digest.digest(hasher.hash, 0, hasher.hash.length);
        } catch (DigestException ex) {
            throw new IllegalStateException("SHA-256 needs 32 bytes", ex);
        }
        return new DataKey(getLong(hasher.hash, 0), getLong(hasher.hash, 8));
    }

    /**
     * Reads a key from its 16-byte form.
     *
     * @param bytes exactly {@value #LENGTH} bytes, as returned by {@link #toBytes()}
     * @return the key
     * @throws IllegalArgumentException if {@code bytes} is not 16 bytes long
     */
    public static DataKey fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "A DataKey has " + LENGTH + " bytes, but " + bytes.length + " bytes were given");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new DataKey(buffer.getLong(), buffer.getLong());
    }

    /**
     * Creates a key from its two 64-bit halves (big-endian order of the 16-byte form).
     *
     * @param high the first 8 bytes
     * @param low the last 8 bytes
     * @return the key
     */
    public static DataKey of(long high, long low) {
        return new DataKey(high, low);
    }

    /**
     * Parses a key from its 32-character hexadecimal form.
     *
     * @param hex 32 hexadecimal characters, as returned by {@link #toHex()}; either case
     * @return the key
     * @throws IllegalArgumentException if {@code hex} is not 32 hexadecimal characters
     */
    public static DataKey fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException(
                    "A DataKey in hex has 32 characters, but '" + hex + "' has " + hex.length());
        }
        try {
            return fromBytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + hex + "' is not a hexadecimal DataKey", ex);
        }
    }

    /**
     * Returns the key's 16 bytes; a new array on each call.
     *
     * @return the key's bytes
     */
    public byte[] toBytes() {
        return ByteBuffer.allocate(LENGTH).putLong(high).putLong(low).array();
    }

    /**
     * Returns the key as 32 lower-case hexadecimal characters.
     *
     * @return the hex form, accepted by {@link #fromHex(String)}
     */
    public String toHex() {
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    /**
     * Returns the first 8 bytes of the key as a long.
     *
     * @return the high half
     */
    public long high() {
        return high;
    }

    /**
     * Returns the last 8 bytes of the key as a long.
     *
     * @return the low half
     */
    public long low() {
        return low;
    }

    @Override
    public int compareTo(DataKey other) {
        int result = Long.compareUnsigned(high, other.high);
        return (result != 0) ? result : Long.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object obj) {
        return (obj instanceof DataKey other) && high == other.high && low == other.low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high ^ low);
    }

    /**
     * Returns the hex form of the key.
     *
     * @return the same as {@link #toHex()}
     */
    @Override
    public String toString() {
        return toHex();
    }

    private static int putInt(byte[] into, int at, int value) {
        INTS.set(into, at, value);
        return at + 4;
    }

    private static int putLong(byte[] into, int at, long value) {
        LONGS.set(into, at, value);
        return at + 8;
    }

    private static long getLong(byte[] from, int at) {
        return (long) LONGS.get(from, at);
    }

    /** A thread's digest and buffers, so that computing a key allocates nothing but the key. */
    private static final class Hasher {

        final MessageDigest digest = newDigest();

        /** Room for the header of a node with up to 64 children. */
        final byte[] scratch = new byte[4 + 64 * LENGTH + 8];

        final byte[] hash = new byte[32];
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform provides SHA-256, but this one does not", ex);
        }
    }
}
