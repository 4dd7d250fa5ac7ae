package io.pagable.store.file;

/**
 * The named points between the steps of the store's operations of many steps (a delete, giving
 * space back, replacing a file), which a crash test stops the process at to check that every one
 * leaves the directory sound. The store's own is {@link #NONE}.
 */
@FunctionalInterface
interface FileStoreSteps {

    /** Does nothing: the store's steps when no test watches them. */
    FileStoreSteps NONE = (step) -> {};

    /** A batch's deletions are durable in the deletion log; the index still holds them. */
    String DELETIONS_LOGGED = "deletions-logged";

    /** The live records of the segments to rewrite are copied, not yet forced to the disk. */
    String RECORDS_COPIED = "records-copied";

    /** The copies are forced to the disk; their old records are not yet logged as deleted. */
    String COPIES_FORCED = "copies-forced";

    /** The old records of the copies are logged as deleted, and the log forced; no segment is deleted yet. */
    String MOVES_LOGGED = "moves-logged";

    /** One old segment file is deleted. */
    String SEGMENT_DELETED = "segment-deleted";

    /** A file's replacement is written and forced under its temporary name, not yet renamed. */
    String REPLACEMENT_WRITTEN = "replacement-written";

    /**
     * Called when the operation reaches a step.
     *
     * @param step one of the constants of this interface
     */
    void reached(String step);
}
