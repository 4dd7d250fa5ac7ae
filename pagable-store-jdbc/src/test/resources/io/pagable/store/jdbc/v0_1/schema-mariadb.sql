-- pagable content store table for MariaDB (JdbcContentStore). To use another table name, replace
-- PAGABLE_NODES below and pass the same name to JdbcContentStore.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES (
    NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
    NODE_DATA LONGBLOB NOT NULL,
    CHILD_KEYS LONGBLOB NOT NULL,
    STORED_SIZE BIGINT NOT NULL,
    CREATED_AT DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL
) ENGINE = InnoDB;
