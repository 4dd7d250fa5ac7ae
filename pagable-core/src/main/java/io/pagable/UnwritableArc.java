package io.pagable;

import java.time.Instant;
import java.util.Objects;

/**
 * An arc that a drain found can never be written, as {@link PagableStats#recentUnwritable()} reports
 * it: its value's class has no registered tag where one is needed, the codec cannot encode it, it is
 * on a cycle, or it is over a size limit. Such an arc leaves the page-out queue and stays resident (its
 * {@link PagableArc#get()} keeps working), so that it no longer holds up the arcs queued behind it; a
 * {@link PagableStorage#save(Object)} of a graph holding it still throws the same exception. Failures
 * of the store are not reported here: those arcs stay queued and the next drain retries them.
 *
 * @param type the class name of the arc's value
 * @param reason the exception's type and message, which say what to change
 * @param at when the drain gave up on the arc
 */
public record UnwritableArc(String type, String reason, Instant at) {

    /**
     * Checks the components.
     *
     * @param type the class name of the arc's value
     * @param reason the exception's type and message
     * @param at when the drain gave up on the arc
     */
    public UnwritableArc {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
