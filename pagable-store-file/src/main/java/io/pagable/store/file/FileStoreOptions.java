package io.pagable.store.file;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link FileContentStore} is opened, beyond its directory: the public constructors' choices
 * and those tests make.
 *
 * @param fsync whether a flush forces written nodes to the disk
 * @param maxSegmentBytes the most bytes a segment file takes before writing goes on in a new one
 * @param mapped whether reads use memory maps of the segment files
 * @param clock the store's clock, for touched times, leases and roots
 * @param steps told of the steps of deletes and of giving space back (crash tests stop there)
 */
record FileStoreOptions(boolean fsync, long maxSegmentBytes, boolean mapped, Clock clock, FileStoreSteps steps) {

    /** Checks the options. */
    FileStoreOptions {
        if (maxSegmentBytes < 1024 || maxSegmentBytes > SegmentFormat.MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("maxSegmentBytes must be between 1024 and "
                    + SegmentFormat.MAX_SEGMENT_BYTES + ", but was " + maxSegmentBytes);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(steps, "steps");
    }

    /** The options of the public constructors: the system clock, no one told of steps. */
    static FileStoreOptions of(boolean fsync, long maxSegmentBytes, boolean mapped) {
        return new FileStoreOptions(fsync, maxSegmentBytes, mapped, Clock.systemUTC(), FileStoreSteps.NONE);
    }

    FileStoreOptions withClock(Clock other) {
        return new FileStoreOptions(fsync, maxSegmentBytes, mapped, other, steps);
    }

    FileStoreOptions withSteps(FileStoreSteps other) {
        return new FileStoreOptions(fsync, maxSegmentBytes, mapped, clock, other);
    }
}
