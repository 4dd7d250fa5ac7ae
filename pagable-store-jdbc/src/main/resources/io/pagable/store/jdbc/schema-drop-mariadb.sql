-- Drops the pagable content store table created by schema-mariadb.sql.
DROP TABLE IF EXISTS PAGABLE_NODES;
