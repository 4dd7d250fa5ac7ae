-- pagable content store table for H2 (JdbcContentStore). To use another table name, replace
-- PAGABLE_NODES below and pass the same name to JdbcContentStore.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES (
    NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
    NODE_DATA BLOB NOT NULL,
    CHILD_KEYS BLOB NOT NULL,
    STORED_SIZE BIGINT NOT NULL,
    CREATED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
