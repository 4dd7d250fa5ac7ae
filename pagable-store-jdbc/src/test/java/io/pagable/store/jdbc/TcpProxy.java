package io.pagable.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on {@code 127.0.0.1} in front of a real server (a database), to test what happens when
 * the server goes away in the middle of a run: {@link #stop()} breaks every open connection and
 * refuses new ones (nothing listens on the port any more), as a crashed or unreachable database
 * would; {@link #start()} listens on the same port again.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *     ...
 *     proxy.stop();     // connection refused from now on
 *     ...
 *     proxy.start();    // back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;

    private final int targetPort;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private volatile int port;

    private volatile @Nullable ServerSocket server;

    private @Nullable Thread acceptor;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
        this.targetPort = targetPort;
    }

    /**
     * Starts a proxy to a server, on a free port of {@code 127.0.0.1}.
     *
     * @param host the server's host
     * @param port the server's port
     * @return a running proxy
     */
    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(host, port);
        proxy.start();
        return proxy;
    }

    /**
     * Starts a proxy to the server of a JDBC URL such as {@code jdbc:postgresql://host:5432/db}.
     *
     * @param jdbcUrl the URL
     * @param defaultPort the port when the URL names none
     * @return a running proxy
     */
    public static TcpProxy toJdbcUrl(String jdbcUrl, int defaultPort) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return to(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : defaultPort);
    }

    /**
     * Rewrites a JDBC URL to go through this proxy: its host and port are replaced.
     *
     * @param jdbcUrl the URL of the server behind the proxy
     * @return the URL of the proxy
     */
    public String rewrite(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getRawAuthority();
        return jdbcUrl.replaceFirst("//" + java.util.regex.Pattern.quote(authority), "//127.0.0.1:" + port);
    }

    /**
     * Returns the port the proxy listens on; it stays the same across {@link #stop()} and {@link #start()}.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Tells whether the proxy accepts connections.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return server != null;
    }

    /** Listens again (on the same port after the first start); does nothing while running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            port = listening.getLocalPort();
            server = listening;
            Thread accepting = new Thread(() -> accept(listening), "tcp-proxy-" + port);
            accepting.setDaemon(true);
            accepting.start();
            acceptor = accepting;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, ex);
        }
    }

    /**
     * Closes the listening socket and every connection: clients see their connections break and new
     * ones refused. Returns once nothing listens on the port any more.
     */
    public synchronized void stop() {
        ServerSocket listening = server;
        server = null;
        if (listening != null) {
            closeQuietly(listening);
        }
        Thread accepting = acceptor;
        acceptor = null;
        if (accepting != null) {
            // The kernel keeps listening until the thread blocked in accept() has left it.
            try {
                accepting.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException ex) {
                return;
            }
            Socket upstream;
            try {
                upstream = new Socket(targetHost, targetPort);
            } catch (IOException ex) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            if (server != listening) {
                // stopped while connecting
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (SocketException ex) {
                        // closed by stop() or by either side
                    } catch (IOException ex) {
                        // the connection broke; close both sides below
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "tcp-proxy-pipe-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ex) {
            // nothing to do: the proxy is breaking connections on purpose
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port + " -> " + targetHost + ":" + targetPort + (isRunning() ? "" : ", stopped")
                + "]";
    }
}
