-- pagable content store tables for MariaDB (JdbcContentStore): the nodes, and beside them the named
-- roots, the retired roots, the engines' leases and the collection lock. To use another table name,
-- replace PAGABLE_NODES below (also where it starts the names of the other tables) and pass the same
-- name to JdbcContentStore. Times are the database's clock in epoch milliseconds. A table of pagable
-- 0.1: see schema-upgrade-mariadb.sql.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES (
    NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
    NODE_DATA LONGBLOB NOT NULL,
    CHILD_KEYS LONGBLOB NOT NULL,
    STORED_SIZE BIGINT NOT NULL,
    CREATED_AT DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    TOUCHED_AT BIGINT NOT NULL
) ENGINE = InnoDB;
-- Root names list in String.compareTo order: ascii_bin compares bytes.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_ROOTS (
    ROOT_NAME VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    NODE_KEY BINARY(16) NOT NULL,
    UPDATED_AT BIGINT NOT NULL
) ENGINE = InnoDB;
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_RETIRED (
    RETIRED_AT BIGINT NOT NULL,
    NODE_KEY BINARY(16) NOT NULL,
    PRIMARY KEY (RETIRED_AT, NODE_KEY)
) ENGINE = InnoDB;
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_LEASES (
    HOLDER VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
    RENEWED_AT BIGINT NOT NULL,
    EXPIRES_AT BIGINT NOT NULL,
    LIVE_KEYS LONGBLOB NOT NULL
) ENGINE = InnoDB;
CREATE TABLE IF NOT EXISTS PAGABLE_NODES_GC_LOCK (
    LOCK_ID INT NOT NULL PRIMARY KEY,
    HOLDER VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    EXPIRES_AT BIGINT NOT NULL
) ENGINE = InnoDB;
