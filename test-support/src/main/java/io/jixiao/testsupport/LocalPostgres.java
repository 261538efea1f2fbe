package io.jixiao.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster for one JVM: initdb and pg_ctl from the machine's PostgreSQL server binaries, run as
 * the {@code postgres} user when we are root (initdb refuses root), on 127.0.0.1 and a free port. Started once per
 * JVM; each caller gets a fresh database of its own.
 * <p>
 * Tests run it with durability off (no fsync, asynchronous commit), which only speeds them up. Benchmarks set
 * {@code -Djixiao.pg.durable=true} (the {@code bench} profile does) and get PostgreSQL's own defaults, fsync and
 * synchronous commit on, as a deployment runs it: a write-rate measured on a cluster that may lose acknowledged
 * commits would flatter pgbench's bare insert far more than a service whose cost is CPU.
 */
public final class LocalPostgres {

    /** The system property that starts the cluster with PostgreSQL's durable defaults. */
    public static final String DURABLE = "jixiao.pg.durable";
    /**
     * The system property that loads {@code pg_stat_statements} (tracking nested statements too, such as foreign-key
     * checks), for a benchmark that prints where PostgreSQL's time went. Only when the machine has the extension.
     */
    public static final String STATEMENTS = "jixiao.pg.statements";

    private static LocalPostgres instance;

    private final Path dataDir;
    private final Path binDir;
    private final int port;
    private final boolean asPostgresUser;
    private final String options;

    private LocalPostgres(Path binDir, Path dataDir, int port, boolean asPostgresUser, String options) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.options = options;
    }

    /** The JVM's cluster, started on first use and stopped when the JVM exits. */
    public static synchronized LocalPostgres shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "local-postgres-stop"));
        }
        return instance;
    }

    /** Whether this JVM's cluster commits durably (see {@link #DURABLE}). */
    public static boolean durable() {
        return Boolean.getBoolean(DURABLE);
    }

    /** Whether {@code pg_stat_statements} was asked for and sits beside these server binaries (Debian's layout). */
    static boolean statements(Path binDir) {
        if (!Boolean.getBoolean(STATEMENTS)) {
            return false;
        }
        boolean present = binDir.getParent() != null
                && Files.exists(binDir.getParent().resolve("lib").resolve("pg_stat_statements.so"));
        if (!present) {
            System.err.println("[jixiao] pg_stat_statements is not installed beside " + binDir + ": not loaded");
        }
        return present;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Creates (or re-creates) an empty database and returns its JDBC URL. */
    public String freshDatabase(String name) {
        String db = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + db, e);
        }
        return jdbcUrl(db);
    }

    private static LocalPostgres start() {
        Path bin = findBinDir();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("jixiao-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            int port = freePort();
            String opts = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                    + (durable() ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                    + " -c max_connections=300 -c shared_buffers=128MB"
                    + (statements(bin)
                            ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
                            : "");
            LocalPostgres pg = new LocalPostgres(bin, dir, port, root, opts);
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            Path pwFile = Files.createTempFile("jixiao-pgpw", ".txt");
            Files.writeString(pwFile, "postgres\n");
            if (root) {
                run(List.of("chown", "postgres:postgres", pwFile.toString()), false);
            }
            pg.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", "postgres", "--pwfile",
                    pwFile.toString(), "-A", "scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C",
                    "--no-sync"));
            Files.deleteIfExists(pwFile);
            pg.resume();
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a local PostgreSQL", e);
        }
    }

    /**
     * Stops the server and keeps its data: a database outage, for a test. Connected clients are disconnected (the
     * {@code fast} mode), as when a database server restarts. {@link #resume} starts it again.
     */
    public synchronized void pause() {
        pg(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the server (again) on the same port with the same settings, and waits until it accepts connections. */
    public synchronized void resume() {
        pg(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options, "-l",
                dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    public synchronized void stop() {
        try {
            pg(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            // already stopped
        }
        try {
            run(List.of("rm", "-rf", dataDir.toString()), false);
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private void pg(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean check) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (check && p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + cmd + "\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path findBinDir() {
        String env = System.getenv("JIXIAO_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Path.of(env);
        }
        for (String v : List.of("17", "16", "15", "14")) {
            Path p = Path.of("/usr/lib/postgresql", v, "bin");
            if (Files.isExecutable(p.resolve("initdb"))) {
                return p;
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: install postgresql (Debian) or set"
                + " JIXIAO_PG_BIN to the folder holding initdb and pg_ctl");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
