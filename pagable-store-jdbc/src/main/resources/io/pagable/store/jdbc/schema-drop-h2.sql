-- Drops the pagable content store table created by schema-h2.sql.
DROP TABLE IF EXISTS PAGABLE_NODES;
