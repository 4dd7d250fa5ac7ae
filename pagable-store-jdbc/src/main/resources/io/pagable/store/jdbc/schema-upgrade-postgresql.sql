-- Upgrades the pagable content store table of pagable 0.1 (created by its schema-postgresql.sql)
-- for named roots and garbage collection, keeping its nodes: adds TOUCHED_AT, at 0 for the nodes
-- already there, and creates the tables beside it. It can run more than once. Stop or upgrade every
-- instance of 0.1 before the first garbage collection: they take no lease, and the nodes they write
-- get TOUCHED_AT 0. To use another table name, replace PAGABLE_NODES below (also where it starts
-- the names of the other tables).
ALTER TABLE PAGABLE_NODES ADD COLUMN IF NOT EXISTS TOUCHED_AT BIGINT DEFAULT 0 NOT NULL;
-- Root names list in String.compareTo order: COLLATE "C" compares bytes.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_ROOTS (
    ROOT_NAME VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
    NODE_KEY BYTEA NOT NULL CHECK (OCTET_LENGTH(NODE_KEY) = 16),
    UPDATED_AT BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_RETIRED (
    RETIRED_AT BIGINT NOT NULL,
    NODE_KEY BYTEA NOT NULL CHECK (OCTET_LENGTH(NODE_KEY) = 16),
    PRIMARY KEY (RETIRED_AT, NODE_KEY)
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_LEASES (
    HOLDER VARCHAR(100) NOT NULL PRIMARY KEY,
    RENEWED_AT BIGINT NOT NULL,
    EXPIRES_AT BIGINT NOT NULL,
    LIVE_KEYS BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_GC_LOCK (
    LOCK_ID INT NOT NULL PRIMARY KEY,
    HOLDER VARCHAR(100) NOT NULL,
    EXPIRES_AT BIGINT NOT NULL
);
