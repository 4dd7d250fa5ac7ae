package io.pagable.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a data source to count what a store does with it: connections taken and still open,
 * queries, batches and single updates executed.
 */
final class CountingDataSource {

    final AtomicInteger connectionsTaken = new AtomicInteger();

    final AtomicInteger connectionsOpen = new AtomicInteger();

    final AtomicInteger queries = new AtomicInteger();

    final AtomicInteger batches = new AtomicInteger();

    final AtomicInteger updates = new AtomicInteger();

    private final DataSource target;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("getConnection")) {
                connectionsTaken.incrementAndGet();
                connectionsOpen.incrementAndGet();
                return connection((Connection) result);
            }
            return result;
        });
    }

    void reset() {
        connectionsTaken.set(0);
        queries.set(0);
        batches.set(0);
        updates.set(0);
    }

    private Connection connection(Connection connection) {
        boolean[] closed = {false};
        return proxy(Connection.class, (proxy, method, args) -> {
            if (method.getName().equals("close") && !closed[0]) {
                closed[0] = true;
                connectionsOpen.decrementAndGet();
            }
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement")) {
                return statement((PreparedStatement) result);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement) {
        return proxy(PreparedStatement.class, (proxy, method, args) -> {
            switch (method.getName()) {
                case "executeQuery" -> queries.incrementAndGet();
                case "executeBatch" -> batches.incrementAndGet();
                case "executeUpdate" -> updates.incrementAndGet();
                default -> {}
            }
            return invoke(statement, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
