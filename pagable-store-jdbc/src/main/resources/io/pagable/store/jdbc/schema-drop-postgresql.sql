-- Drops the pagable content store table created by schema-postgresql.sql.
DROP TABLE IF EXISTS PAGABLE_NODES;
