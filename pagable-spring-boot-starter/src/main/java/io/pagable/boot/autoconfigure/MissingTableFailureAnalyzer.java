package io.pagable.boot.autoconfigure;

import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.MissingTableException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start stopped because the JDBC store's table is missing or lacks columns: names the
 * table and the database, and says how to create it ({@code pagable.store.jdbc.initialize-schema=always},
 * or the script shipped in the jar for Flyway and Liquibase users); for a table of pagable 0.1, says
 * what it lacks and how to upgrade it, keeping its nodes.
 */
class MissingTableFailureAnalyzer extends AbstractFailureAnalyzer<MissingTableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingTableException cause) {
        if (cause.getUpgradeScript() != null) {
            return upgrade(cause);
        }
        String description = cause.getMissingColumns().isEmpty()
                ? String.format(
                        "The table %s of the pagable JDBC store does not exist in the %s.",
                        cause.getTableName(), cause.getDatabase())
                : String.format(
                        "The table %s of the pagable JDBC store in the %s lacks the columns %s.",
                        cause.getTableName(), cause.getDatabase(), String.join(", ", cause.getMissingColumns()));
        String action = String.format(
                "Set pagable.store.jdbc.initialize-schema=always to have the table created at startup (the default, "
                        + "embedded, creates it only in databases Spring Boot considers embedded, which an H2 "
                        + "database in a file is not), or create it with the script %s from the pagable-store-jdbc "
                        + "jar (for Flyway or Liquibase, as a migration, with %s replaced by the table's name). If "
                        + "the table exists under another name, set pagable.store.jdbc.table-name.",
                cause.getScript(), JdbcContentStore.DEFAULT_TABLE_NAME);
        return new FailureAnalysis(description, action, cause);
    }

    private static FailureAnalysis upgrade(MissingTableException cause) {
        List<String> missing = new ArrayList<>(cause.getMissingColumns());
        missing.addAll(cause.getMissingTables());
        String description = String.format(
                "The table %s of the pagable JDBC store in the %s is from pagable 0.1: it lacks %s, which named "
                        + "roots and garbage collection need.",
                cause.getTableName(), cause.getDatabase(), String.join(", ", missing));
        String action = String.format(
                "Upgrade the table, keeping its nodes, with the script %s from the pagable-store-jdbc jar (for "
                        + "Flyway or Liquibase, as a new migration, with %s replaced by the table's name); the "
                        + "exception's message gives its statements for this table. initialize-schema does not "
                        + "alter existing tables.",
                cause.getUpgradeScript(), JdbcContentStore.DEFAULT_TABLE_NAME);
        return new FailureAnalysis(description, action, cause);
    }
}
