package io.pagable.sample.graph;

import io.pagable.DataKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sample's own table, {@code SAMPLE_GRAPHS} (created by {@code schema.sql}): graph name to root
 * key and figures. The graphs themselves are in pagable's table; this row is all the application
 * needs to find one again after a restart.
 */
@Repository
public class GraphCatalog {

    /** Sortable properties of {@link SavedGraph} and their columns. */
    static final Map<String, String> SORTABLE =
            Map.of("name", "NAME", "createdAt", "CREATED_AT", "nodes", "NODES", "packages", "PACKAGES");

    private static final String COLUMNS = "NAME, ROOT_KEY, SEED, NODES, PACKAGES, VERSIONS, DEPENDENCY_EDGES, "
            + "GENERATE_MILLIS, SAVE_MILLIS, HEAP_BEFORE, HEAP_RESIDENT, HEAP_PAGED_OUT, CREATED_AT";

    private final JdbcClient jdbc;

    /**
     * Creates the catalog.
     *
     * @param jdbc the application's JDBC client
     */
    public GraphCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a graph.
     *
     * @param graph the graph
     * @throws DuplicateKeyException if a graph of that name exists
     */
    public void add(SavedGraph graph) {
        jdbc.sql("INSERT INTO SAMPLE_GRAPHS (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        graph.name(),
                        graph.rootKey().toHex(),
                        graph.seed(),
                        graph.nodes(),
                        graph.packages(),
                        graph.versions(),
                        graph.dependencyEdges(),
                        graph.generateMillis(),
                        graph.saveMillis(),
                        graph.heap().beforeBytes(),
                        graph.heap().residentBytes(),
                        graph.heap().pagedOutBytes(),
                        Timestamp.from(graph.createdAt()))
                .update();
    }

    /**
     * Tells whether a graph of that name exists.
     *
     * @param name the name
     * @return whether it exists
     */
    public boolean exists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM SAMPLE_GRAPHS WHERE NAME = ?")
                        .param(name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Finds a graph by name.
     *
     * @param name the name
     * @return the graph, if recorded
     */
    public Optional<SavedGraph> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM SAMPLE_GRAPHS WHERE NAME = ?")
                .param(name)
                .query(GraphCatalog::map)
                .optional();
    }

    /**
     * Lists graphs one page at a time.
     *
     * @param pageable the page and its sort, on {@link #SORTABLE} properties
     * @return the page
     * @throws IllegalArgumentException if the sort names another property
     */
    public Page<SavedGraph> list(Pageable pageable) {
        List<SavedGraph> content = jdbc.sql("SELECT " + COLUMNS + " FROM SAMPLE_GRAPHS ORDER BY "
                        + orderBy(pageable.getSortOr(Sort.by(Sort.Direction.DESC, "createdAt")))
                        + " LIMIT ? OFFSET ?")
                .params(pageable.getPageSize(), pageable.getOffset())
                .query(GraphCatalog::map)
                .list();
        long total =
                jdbc.sql("SELECT COUNT(*) FROM SAMPLE_GRAPHS").query(Long.class).single();
        return new PageImpl<>(content, pageable, total);
    }

    private static String orderBy(Sort sort) {
        String columns = sort.stream()
                .map((order) -> column(order.getProperty()) + (order.isAscending() ? " ASC" : " DESC"))
                .collect(Collectors.joining(", "));
        return columns + ", NAME ASC";
    }

    private static String column(String property) {
        String column = SORTABLE.get(property);
        if (column == null) {
            throw new IllegalArgumentException(
                    "Graphs cannot be sorted by '" + property + "'; sort by one of " + SORTABLE.keySet());
        }
        return column;
    }

    private static SavedGraph map(ResultSet row, int rowNumber) throws SQLException {
        return new SavedGraph(
                row.getString("NAME"),
                DataKey.fromHex(row.getString("ROOT_KEY")),
                row.getLong("SEED"),
                row.getInt("NODES"),
                row.getInt("PACKAGES"),
                row.getInt("VERSIONS"),
                row.getInt("DEPENDENCY_EDGES"),
                row.getLong("GENERATE_MILLIS"),
                row.getLong("SAVE_MILLIS"),
                new HeapFigures(
                        row.getLong("HEAP_BEFORE"), row.getLong("HEAP_RESIDENT"), row.getLong("HEAP_PAGED_OUT")),
                row.getTimestamp("CREATED_AT").toInstant());
    }
}
