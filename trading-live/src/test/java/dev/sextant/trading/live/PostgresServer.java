package dev.sextant.trading.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started from the Debian package's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, installed by {@code .ci/run}) on a free loopback
 * port with a fresh data directory, and stopped by {@link #close()}. PostgreSQL refuses to run as
 * root, so under root the server runs as the {@code postgres} system user through {@code runuser}.
 */
final class PostgresServer implements AutoCloseable {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";
    /** Starts tried, each on a new port, when another process took the probed port first. */
    private static final int START_ATTEMPTS = 5;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asServiceUser;

    private PostgresServer(Path bin, Path dataDir, int port, boolean asServiceUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asServiceUser = asServiceUser;
    }

    /** Initialises a cluster in a new temporary directory and starts it; fails naming what is missing. */
    static PostgresServer start() throws IOException, InterruptedException {
        return start(PostgresServer::freePort);
    }

    /**
     * As {@link #start()}, on ports from {@code ports}: a probed port can be taken by another
     * process before the server binds it, so a start that could not bind is retried on the next.
     */
    static PostgresServer start(IntSupplier ports) throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        // /tmp is world-traversable, the build directory may not be for the service user.
        Path base = Files.createTempDirectory("sextant-pg-");
        Path data = base.resolve("data");
        if (root) {
            run(List.of("chown", "-R", SERVICE_USER + ":", base.toString()), false, bin);
            base.toFile().setExecutable(true, false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "sextant",
                "-A", "trust", "-E", "UTF8", "--no-sync"), root, bin);
        Path log = base.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port = ports.getAsInt();
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                        "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + base, "start"), root, bin);
                return new PostgresServer(bin, data, port, root);
            } catch (IOException e) {
                if (attempt == START_ATTEMPTS || !couldNotBind(log)) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free loopback port", e);
        }
    }

    private static boolean couldNotBind(Path log) throws IOException {
        String text = Files.isReadable(log) ? Files.readString(log) : "";
        return text.contains("could not bind") || text.contains("could not create any TCP/IP sockets");
    }

    /** The server's port. */
    int port() {
        return port;
    }

    /** The JDBC URL of the {@code postgres} database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=sextant";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dataDir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        run(command, asServiceUser, bin);
    }

    private static void run(List<String> command, boolean asServiceUser, Path bin) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServiceUser) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        // Output to a file, not a pipe: reading a pipe to its end would wait past the time limit.
        Path output = Files.createTempFile("sextant-pg-command-", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = p.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (!finished || p.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", full) + "' " + (finished ? "failed" : "ran past 120 s")
                        + " (bin " + bin + "): " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path findBinaries() throws IOException {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                var found = versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                        .filter(v -> Files.isExecutable(v.resolve("bin").resolve("postgres")))
                        .max(Comparator.comparing(v -> v.getFileName().toString(), PostgresServer::compareVersions))
                        .map(v -> v.resolve("bin"));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries under " + DEBIAN_ROOT
                + "/<version>/bin: install Debian's postgresql package (.ci/run does)");
    }

    /** Orders dotted version numbers numerically ("9.6" before "16"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
