-- pagable content store table for H2 (JdbcContentStore). To use another table name, replace
-- PAGABLE_NODES below and pass the same name to JdbcContentStore. NODE_DATA and CHILD_KEYS are
-- BINARY VARYING (up to 1,000,000,000 bytes) rather than BLOB: H2 keeps them in the row instead of
-- its separate LOB map, which is faster to write and to read. Tables created with BLOB columns keep
-- working; ALTER TABLE PAGABLE_NODES ALTER COLUMN NODE_DATA SET DATA TYPE BINARY VARYING (and the
-- same for CHILD_KEYS) converts them in place.
CREATE TABLE IF NOT EXISTS PAGABLE_NODES (
    NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
    NODE_DATA BINARY VARYING NOT NULL,
    CHILD_KEYS BINARY VARYING NOT NULL,
    STORED_SIZE BIGINT NOT NULL,
    CREATED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
