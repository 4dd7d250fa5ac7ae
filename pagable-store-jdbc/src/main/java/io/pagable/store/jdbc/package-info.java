/**
 * The JDBC store: {@link io.pagable.store.jdbc.JdbcContentStore} keeps nodes in one table of an
 * H2, PostgreSQL or MariaDB database over plain JDBC on a {@link javax.sql.DataSource}, and named
 * roots, retired roots, leases and the collection lock in four tables beside it, so that the garbage
 * collector can run against it; any number of stores and applications can share the tables, and the
 * database's clock is the one they all go by. The tables' scripts ship beside the classes, as
 * {@code io/pagable/store/jdbc/schema-{h2,postgresql,mariadb}.sql} (with {@code schema-drop-} and,
 * for tables of pagable 0.1, {@code schema-upgrade-} scripts); the store checks at startup, when
 * asked, that the tables exist and throws {@link io.pagable.store.jdbc.MissingTableException} naming
 * the table, the database and the fix if not, and can create the tables itself from the shipped
 * script under the configured name when asked to.
 */
@NullMarked
package io.pagable.store.jdbc;

import org.jspecify.annotations.NullMarked;
