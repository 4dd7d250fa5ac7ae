/**
 * The JDBC store: {@link io.pagable.store.jdbc.JdbcContentStore} keeps nodes in one table of an
 * H2, PostgreSQL or MariaDB database over plain JDBC on a {@link javax.sql.DataSource}; any number of
 * stores and applications can share the table. The table's scripts ship beside the classes, as
 * {@code io/pagable/store/jdbc/schema-{h2,postgresql,mariadb}.sql}; the store checks when it is
 * created that the table exists and throws {@link io.pagable.store.jdbc.MissingTableException}
 * naming the table, the database and the fix if not, and can create the table itself from the
 * shipped script under the configured name when asked to.
 */
@NullMarked
package io.pagable.store.jdbc;

import org.jspecify.annotations.NullMarked;
