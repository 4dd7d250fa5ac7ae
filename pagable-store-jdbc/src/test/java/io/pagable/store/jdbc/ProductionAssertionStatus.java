package io.pagable.store.jdbc;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs the JDBC drivers with Java assertions off, as in production, before any test class loads
 * them. Surefire enables assertions everywhere, and the PostgreSQL driver has an {@code assert false}
 * on the path where a connection breaks in the middle of a batch (its
 * {@code BatchResultHandler.isAutoCommit}): with {@code -ea} a broken connection surfaces as an
 * {@link AssertionError} instead of the {@link java.sql.SQLException} applications get. (That the
 * engine survives an {@code Error} thrown by a store is tested on its own, in pagable-core.)
 */
public final class ProductionAssertionStatus implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ClassLoader each = loader; each != null; each = each.getParent()) {
            each.setPackageAssertionStatus("org.postgresql", false);
            each.setPackageAssertionStatus("org.mariadb.jdbc", false);
        }
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("org.postgresql", false);
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("org.mariadb.jdbc", false);
    }
}
