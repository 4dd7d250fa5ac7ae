-- pagable content store tables for H2 (JdbcContentStore): the nodes, and beside them the named
-- roots, the retired roots, the engines' leases and the collection lock. To use another table name,
-- replace PAGABLE_NODES below (also where it starts the names of the other tables) and pass the same
-- name to JdbcContentStore. NODE_DATA and CHILD_KEYS are BINARY VARYING (up to 1,000,000,000 bytes)
-- rather than BLOB: H2 keeps them in the row instead of its separate LOB map, which is faster to
-- write and to read. Tables created with BLOB columns keep working; ALTER TABLE PAGABLE_NODES ALTER
-- COLUMN NODE_DATA SET DATA TYPE BINARY VARYING (and the same for CHILD_KEYS) converts them in place.
-- Times are the database's clock in epoch milliseconds. A table of pagable 0.1: see
-- schema-upgrade-h2.sql.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES (
    NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
    NODE_DATA BINARY VARYING NOT NULL,
    CHILD_KEYS BINARY VARYING NOT NULL,
    STORED_SIZE BIGINT NOT NULL,
    CREATED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    TOUCHED_AT BIGINT NOT NULL
);
-- Root names list in String.compareTo order: H2 compares strings so unless the database has a
-- COLLATION set.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_ROOTS (
    ROOT_NAME VARCHAR(200) NOT NULL PRIMARY KEY,
    NODE_KEY BINARY(16) NOT NULL,
    UPDATED_AT BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_RETIRED (
    RETIRED_AT BIGINT NOT NULL,
    NODE_KEY BINARY(16) NOT NULL,
    PRIMARY KEY (RETIRED_AT, NODE_KEY)
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_LEASES (
    HOLDER VARCHAR(100) NOT NULL PRIMARY KEY,
    RENEWED_AT BIGINT NOT NULL,
    EXPIRES_AT BIGINT NOT NULL,
    LIVE_KEYS BINARY LARGE OBJECT NOT NULL
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_GC_LOCK (
    LOCK_ID INT NOT NULL PRIMARY KEY,
    HOLDER VARCHAR(100) NOT NULL,
    EXPIRES_AT BIGINT NOT NULL
);
