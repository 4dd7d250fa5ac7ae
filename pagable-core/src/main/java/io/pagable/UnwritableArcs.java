package io.pagable;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arcs drains gave up on because they can never be written (see {@link UnwritableArc}): a count,
 * the most recent few, and a log line for each. The first arc of each kind (value class and exception
 * type) is logged at WARN, later ones of that kind at DEBUG, so a stream of one bad value does not
 * flood the log. Thread-safe.
 */
final class UnwritableArcs {

    /** Arcs kept for {@link #recent()}, newest last. */
    static final int RECENT = 10;

    /** Kinds remembered as logged at WARN; past this many, every further arc is logged at DEBUG. */
    private static final int MAX_KINDS_LOGGED = 256;

    /** Longest reason kept, in characters; the exception in the log has the whole message. */
    private static final int MAX_REASON = 500;

    private static final Logger logger = LoggerFactory.getLogger(UnwritableArcs.class);

    private final LongAdder count = new LongAdder();

    // Guarded by "this".
    private final ArrayDeque<UnwritableArc> recent = new ArrayDeque<>(RECENT);

    // Guarded by "this".
    private final Set<String> kindsLogged = new HashSet<>();

    /** Records and logs an arc of a value of the given class that failed with the exception. */
    void add(Class<?> valueType, PagableException failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
        UnwritableArc arc = new UnwritableArc(valueType.getName(), reason, Instant.now());
        count.increment();
        boolean firstOfKind;
        synchronized (this) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(arc);
            String kind = valueType.getName() + '/' + failure.getClass().getName();
            firstOfKind = kindsLogged.size() < MAX_KINDS_LOGGED && kindsLogged.add(kind);
        }
        String message = "An arc of {} can never be written ({}); it leaves the page-out queue and stays resident. "
                + "Fix the value or its type; the drain goes on with the other arcs.";
        if (firstOfKind) {
            logger.warn(message, valueType.getName(), reason, failure);
        } else {
            logger.debug(message, valueType.getName(), reason, failure);
        }
    }

    long count() {
        return count.sum();
    }

    synchronized List<UnwritableArc> recent() {
        return List.copyOf(recent);
    }
}
