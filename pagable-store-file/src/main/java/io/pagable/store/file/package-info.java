/**
 * The file store: {@link io.pagable.store.file.FileContentStore} keeps nodes in append-only,
 * checksummed segment files in one local directory, with an index of key to record location off the
 * Java heap, rebuilt when the store opens. A crash never makes a cut-short or damaged record
 * readable; with {@code fsync}, what {@code flush()} returned for survives a power failure. A
 * directory is open in one process at a time. Create it with the directory
 * ({@code new FileContentStore(path)}) and hand it to {@code PagableStorage.builder().contentStore(...)};
 * everything else in this package is its implementation.
 *
 * <h2>Named roots and garbage collection</h2>
 * The store keeps named roots and lets the engine's garbage collector delete. How, and why each step
 * survives a crash (a {@code SIGKILL} at any moment) with nothing live lost and no reference left
 * dangling:
 *
 * <ul>
 *   <li><b>Roots</b> are the one part of the collection's state that must outlive the process: the
 *       file {@code pagable.roots} (a format version, every root, a CRC-32C) is rewritten as a whole
 *       on every change, through a temporary file that is forced and renamed over the old one, the
 *       directory forced after. A crash leaves the old roots or the new. A damaged file fails the
 *       opening, naming it; it is never read as no roots. Leases, the collection lock and retired
 *       roots live in memory: what they protect is the work of running engines, which end with the
 *       process.
 *   <li><b>Touched times</b> live in the index entry of each node (8 bytes a slot, 11 to 22 bytes
 *       per node at the table's load), in epoch milliseconds rounded up, so a node is never taken for
 *       touched earlier than it was. A put sets it for a new node and raises it for one present; when
 *       the store opens, every node counts as touched then.
 *   <li><b>Deletes</b> run in batches under the write lock that puts take, so that the check of a
 *       node's touched time and its removal are one step to a put. Because the index is rebuilt from
 *       the segment files, a deleted record would come back; so each batch's record locations (not
 *       keys: a node stored again lives on in its new record) are appended to the deletion log
 *       {@code pagable.deletions} as one checksummed frame, forced before the batch leaves the
 *       index. A store opening leaves the records the log names out of the index (but knows them by
 *       location, for the records that refer back to them). A frame torn by a crash is the last one
 *       and is cut off: that batch, which no caller was told was deleted, comes back whole, as if the
 *       collector had died before it. New records never land where the log names a location: a
 *       segment is continued only if the log names nothing at or beyond its end, and segment numbers
 *       are never used twice.
 *   <li><b>Giving space back</b> rewrites each segment less than 3/4 of which is live records: its
 *       live records are copied forward through the normal write path (the copies refer back only
 *       to records before them in their own segment, else by key, so they are self-consistent) and
 *       the index pointed at them; the copies and the directory are forced; the old records'
 *       locations are logged as deleted and the log forced; only then are the old files deleted,
 *       the directory forced, and the log rewritten without the entries of the deleted segments. A
 *       crash before the old locations are logged leaves the old records (which the next opening
 *       indexes) and copies, which are duplicates: the opening logs every second record of a key as
 *       deleted, so that none can bring a deleted node back. Reads and writes go on throughout; a read
 *       that raced a segment's deletion runs again at the copy.
 * </ul>
 *
 * The threshold of 3/4 bounds what a rewrite copies (at most 3 bytes for every byte it frees) and
 * what the directory holds (at most 4/3 of its live records, plus the segment being written).
 */
@NullMarked
package io.pagable.store.file;

import org.jspecify.annotations.NullMarked;
