package dev.sextant.trading.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        // /tmp is world-traversable, the build directory may not be for the service user.
        Path base = Files.createTempDirectory("sextant-pg-");
        Path data = base.resolve("data");
        if (root) {
            run(List.of("chown", "-R", SERVICE_USER + ":", base.toString()), false, bin);
            base.toFile().setExecutable(true, false);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port, root);
        server.exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "sextant",
                "-A", "trust", "-E", "UTF8", "--no-sync"));
        server.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + base, "start"));
        return server;
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
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", full) + "' failed (bin " + bin + "): " + output);
        }
    }

    private static Path findBinaries() throws IOException {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparing(Path::toString));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries under " + DEBIAN_ROOT
                + "/<version>/bin: install Debian's postgresql package (.ci/run does)");
    }
}
