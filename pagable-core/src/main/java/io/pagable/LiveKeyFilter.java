package io.pagable;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The live keys of one engine as a lease carries them: a Bloom filter, so that a lease costs about
 * 1.2 bytes per live key (one false positive in a hundred) instead of 16, plus the age of the
 * engine's oldest operation in flight (a save, a drain, a root lookup), so that the collector keeps
 * what such an operation wrote or found before the lease was renewed.
 *
 * <p>A false positive keeps a dead node (and what it reaches) until a later collection; it never
 * deletes anything. Each encoding draws a new seed, so the same dead key is not kept twice in a row.
 * Each probe position is a fresh hash of the key and the seed (double hashing, cheaper, gives small
 * filters far more false positives than the 1% they are sized for).
 *
 * <p>Encoding: version (1 byte), age of the oldest operation in milliseconds or -1 (8), seed (8),
 * probes (1), bits (4), then the bits as longs (8 each). {@link #decode} checks every length.
 */
final class LiveKeyFilter {

    static final byte VERSION = 1;

    private static final int HEADER_BYTES = 1 + 8 + 8 + 1 + 4;

    /** Bits per key: with 7 probes, a false positive rate of about 1%. */
    private static final int BITS_PER_KEY = 10;

    private static final int PROBES = 7;

    /** The fewest bits a filter has, so that a filter of a few keys has almost no false positives. */
    private static final long MIN_BITS = 1024;

    /** Added before each probe's hash (the golden ratio), so that the probes are independent. */
    private static final long STEP = 0x9E3779B97F4A7C15L;

    /** The most bits a filter has: 2^31 (256 MiB), for more than 200 million live keys. */
    private static final long MAX_BITS = 1L << 31;

    private final long seed;

    private final int probes;

    private final long bits;

    private final long[] words;

    private final long oldestOperationMillis;

    private LiveKeyFilter(long seed, int probes, long bits, long[] words, long oldestOperationMillis) {
        this.seed = seed;
        this.probes = probes;
        this.bits = bits;
        this.words = words;
        this.oldestOperationMillis = oldestOperationMillis;
    }

    /**
     * Starts a filter for about {@code expectedKeys} keys.
     *
     * @param oldestOperationMillis the age of the oldest operation in flight, or -1 for none
     */
    static LiveKeyFilter create(long expectedKeys, long oldestOperationMillis) {
        long bits = Math.min(MAX_BITS, Math.max(MIN_BITS, expectedKeys * BITS_PER_KEY));
        bits = (bits + 63) & ~63L;
        return new LiveKeyFilter(
                ThreadLocalRandom.current().nextLong(),
                PROBES,
                bits,
                new long[(int) (bits / 64)],
                oldestOperationMillis);
    }

    void add(DataKey key) {
        long h = start(key);
        for (int i = 0; i < probes; i++) {
            h = mix(h + STEP);
            long bit = Long.remainderUnsigned(h, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(DataKey key) {
        long h = start(key);
        for (int i = 0; i < probes; i++) {
            h = mix(h + STEP);
            long bit = Long.remainderUnsigned(h, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Both halves of the key and the seed, mixed: each probe hashes this again. */
    private long start(DataKey key) {
        return mix(key.high() ^ seed) ^ key.low();
    }

    /** The age of the holder's oldest operation when the lease was renewed, or -1 for none. */
    long oldestOperationMillis() {
        return oldestOperationMillis;
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + words.length * 8);
        buffer.put(VERSION).putLong(oldestOperationMillis).putLong(seed).put((byte) probes);
        buffer.putInt((int) (bits / 64));
        for (long word : words) {
            buffer.putLong(word);
        }
        return buffer.array();
    }

    /**
     * Reads a filter from a lease.
     *
     * @return the filter, or {@code null} if the bytes are not a filter this version writes; the
     *     collector then keeps everything (see {@link GarbageCollector})
     */
    static @Nullable LiveKeyFilter decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != VERSION) {
            return null;
        }
        long oldest = buffer.getLong();
        long seed = buffer.getLong();
        int probes = buffer.get();
        int wordCount = buffer.getInt();
        if (probes < 1 || probes > 32 || wordCount < 1 || buffer.remaining() != (long) wordCount * 8) {
            return null;
        }
        long[] words = new long[wordCount];
        for (int i = 0; i < wordCount; i++) {
            words[i] = buffer.getLong();
        }
        return new LiveKeyFilter(seed, probes, wordCount * 64L, words, oldest);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
