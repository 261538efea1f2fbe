package io.jixiao.system;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.LocalPostgres;
import io.jixiao.testsupport.TestKeys;
import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;

/**
 * The five services as separate processes from their built jars, sharing one PostgreSQL (a database each) and one
 * Kafka broker, as in production. Started once for the test JVM, stopped at its end.
 */
final class Suite {

    record Service(String name, String module, int port, String database) {
    }

    private static Suite instance;

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Every port handed out by {@link #port()}, whether or not its service holds it yet. */
    private final java.util.Set<Integer> given = new java.util.HashSet<>();
    /** How each process was launched (module, system properties), to launch it again after a kill. */
    private final Map<String, Map.Entry<String, Map<String, String>>> launches = new LinkedHashMap<>();
    private final Path root;
    private final Path logs;

    private Suite(Path root) {
        this.root = root;
        this.logs = root.resolve("system-test/target/service-logs");
    }

    static synchronized Suite started() {
        if (instance == null) {
            Path root = Path.of(System.getProperty("user.dir")).getParent();
            instance = new Suite(root);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "suite-stop"));
            instance.start();
        }
        return instance;
    }

    /** The JDBC URL of a fresh database in the suite's PostgreSQL cluster (for pgbench comparisons). */
    static LocalPostgres postgres() {
        return LocalPostgres.shared();
    }

    /** The started suite, with RestAssured pointed at its gateway. */
    static Suite atGateway() {
        Suite s = started();
        RestAssured.baseURI = s.gateway();
        RestAssured.port = -1;
        Answers.at(s.gateway());
        return s;
    }

    private static final ThreadLocal<LeanHttp> LEAN = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final java.util.Set<LeanHttp> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** This thread's keep-alive connection to the gateway, for load runs (see {@link LeanHttp}). */
    static LeanHttp lean() {
        LeanHttp c = LEAN.get();
        if (c == null) {
            c = new LeanHttp(RestAssured.baseURI);
            LEAN.set(c);
            OPEN.add(c);
        }
        return c;
    }

    /** Closes this thread's load connection, if it has one. */
    static void closeLean() {
        LeanHttp c = LEAN.get();
        if (c != null) {
            c.close();
            OPEN.remove(c);
            LEAN.remove();
        }
    }

    /** Closes the load connections of every thread (those of a pool that is shut down). */
    static void closeAllLean() {
        OPEN.forEach(LeanHttp::close);
        OPEN.clear();
    }

    /** One call of a load run, given the worker's number and the call's number; whether it was accepted. */
    interface LoadCall {
        boolean send(int worker, long call) throws Exception;
    }

    /**
     * Closed-loop load: {@code clients} workers calling back to back for {@code seconds}; returns [accepted, refused,
     * CPU nanoseconds the workers used] (a call that throws counts as refused). The CPU is the load client's own cost,
     * taken from the two cores the services run on.
     */
    static long[] closedLoop(int clients, int seconds, LoadCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                long started = THREADS.getCurrentThreadCpuTime();
                try {
                    for (long i = 0; System.nanoTime() < end; i++) {
                        boolean accepted;
                        try {
                            accepted = call.send(worker, i);
                        } catch (Exception e) {
                            accepted = false;
                        }
                        (accepted ? ok : failed).incrementAndGet();
                    }
                } finally {
                    cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
                    closeLean();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new long[]{ok.get(), failed.get(), cpu.get()};
    }

    /** The load client's CPU per call of a {@link #closedLoop} result, in microseconds. */
    static double clientMicrosPerCall(long[] run) {
        long calls = run[0] + run[1];
        return calls == 0 ? 0 : run[2] / 1000.0 / calls;
    }

    /** One round of load, for warming up. */
    interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} until the services' JIT compilers have settled: fresh JVMs on two cores spend minutes
     * compiling (C2 took 30–50% of a service's CPU during session 6's first load runs), and a benchmark taken then
     * measures the compiler as much as the code. Stops once the compiler threads use under 10% of the services' CPU
     * during a round, or after {@code maxRounds}; prints each round's share.
     */
    static void warmUntilJitSettles(String what, int maxRounds, Round round) throws Exception {
        // fewer rounds for a quick diagnostic run (-Djixiao.bench.warm-up-rounds=2); the numbers are then not steady
        int rounds = Math.min(maxRounds, Integer.getInteger("jixiao.bench.warm-up-rounds", maxRounds));
        for (int i = 1; i <= rounds; i++) {
            long[] before = started().cpuTicks();
            round.run();
            long[] after = started().cpuTicks();
            double share = jitShare(before, after);
            System.out.printf("[bench] warm-up %s, round %d: JIT compilers at %.0f%% of the services' CPU%n", what, i,
                    100 * share);
            if (share < 0.10) {
                return;
            }
        }
    }

    /** The compilers' part of the services' CPU between two {@link #cpuTicks()} readings. */
    static double jitShare(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? 0 : (after[0] - before[0]) / (double) total;
    }

    /**
     * [ticks of the JIT compiler threads, ticks of the whole processes] over the suite's services, from /proc. The
     * process total counts threads that have ended; the compiler threads live as long as their JVM (the services are
     * started with a fixed number of them).
     */
    long[] cpuTicks() {
        long jit = 0;
        long all = 0;
        for (Process p : processes.values()) {
            all += ticks(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            File[] tasks = new File("/proc/" + p.pid() + "/task").listFiles();
            for (File t : tasks == null ? new File[0] : tasks) {
                try {
                    if (Files.readString(t.toPath().resolve("comm")).contains("CompilerThre")) {
                        jit += ticks(t.toPath().resolve("stat"));
                    }
                } catch (IOException e) {
                    // a thread that ended between listing and reading
                }
            }
        }
        return new long[]{jit, all};
    }

    /**
     * CPU ticks (1/100 s) by process so far: each service, PostgreSQL (every process of the cluster) and this test JVM,
     * which runs the Kafka broker and the load client. Two readings around a load run tell where its CPU went.
     */
    Map<String, Long> cpuByProcess() {
        Map<String, Long> m = new LinkedHashMap<>();
        processes.forEach((name, p) -> m.put(name, ticks(Path.of("/proc", String.valueOf(p.pid()), "stat"))));
        long pg = 0;
        File[] procs = new File("/proc").listFiles((dir, n) -> n.chars().allMatch(Character::isDigit));
        for (File f : procs == null ? new File[0] : procs) {
            Path stat = f.toPath().resolve("stat");
            try {
                if (Files.readString(stat).contains("(postgres)")) {
                    pg += ticks(stat);
                }
            } catch (IOException e) {
                // a process that ended between listing and reading
            }
        }
        m.put("postgres", pg);
        m.put("test JVM (Kafka broker, load client)", ticks(Path.of("/proc/self/stat")));
        return m;
    }

    /**
     * Prints the CPU each process used per accepted call between two {@link #cpuByProcess()} readings, and the load
     * client's own part (from {@link #closedLoop}'s result), in milliseconds.
     */
    static void printCpuPerCall(String what, Map<String, Long> before, Map<String, Long> after, long[] run) {
        StringBuilder sb = new StringBuilder("[bench] CPU per accepted ").append(what).append(':');
        double total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            double ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 10.0 / Math.max(1, run[0]);
            total += ms;
            sb.append(String.format(" %s %.2f ms,", e.getKey(), ms));
        }
        sb.append(String.format(" all %.2f ms (of which the load client %.3f ms); two cores allow at most %.0f/s at"
                + " that cost", total, run[2] / 1e6 / Math.max(1, run[0]), 2000 / total));
        System.out.println(sb);
    }

    /** utime + stime of a /proc stat file; 0 when it is gone. */
    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A service's own address, bypassing the gateway (for overhead comparisons). */
    String service(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    /** The port a service listens on. */
    int port(String name) {
        return ports.get(name);
    }

    String gateway() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    private void start() {
        try {
            Files.createDirectories(logs);
            LocalPostgres pg = LocalPostgres.shared();
            LocalKafka kafka = LocalKafka.shared();
            List<Service> services = List.of(new Service("indicator", "indicator-service", port(), "indicator"),
                    new Service("evaluation", "evaluation-service", port(), "evaluation"),
                    new Service("survey", "survey-service", port(), "survey"),
                    new Service("budget", "budget-service", port(), "budget"));
            for (Service s : services) {
                ports.put(s.name(), s.port());
                Map<String, String> props = new LinkedHashMap<>(common());
                props.put("quarkus.http.port", String.valueOf(s.port()));
                props.put("quarkus.datasource.jdbc.url", pg.freshDatabase("sys_" + s.database()));
                props.put("quarkus.datasource.username", pg.username());
                props.put("quarkus.datasource.password", pg.password());
                props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
                props.put("jixiao.outbox.poll-interval", "200ms");
                // the outbox's backlog sampled each second and called stuck after 5 s, so that a test's broker outage
                // shows in the metrics and the wellness check (15 s and 2 minutes in a deployment)
                props.put("jixiao.outbox.backlog-sample", "1s");
                props.put("jixiao.outbox.stuck-after", "PT5S");
                // last month's 好差评 metrics would be published at the hour's 7th minute, in the middle of a test
                // that counts commits; the tests publish a month themselves
                props.put("jixiao.survey.review-metrics-cron", "off");
                // and the day's budget monitoring at the hour's 5th minute, for the same reason
                props.put("jixiao.budget.monitoring-cron", "off");
                // survey-service has no salt outside development: each run its own, as a deployment has
                props.put("jixiao.survey.fingerprint-salt", java.util.UUID.randomUUID().toString());
                launch(s.name(), s.module(), props);
            }
            int gw = port();
            ports.put("gateway", gw);
            Map<String, String> props = new LinkedHashMap<>(common());
            props.put("quarkus.http.port", String.valueOf(gw));
            for (Service s : services) {
                props.put("jixiao.gateway.services." + s.name(), "http://127.0.0.1:" + s.port());
            }
            // every simulated device and client of the load runs comes from 127.0.0.1: the door's rate limits are
            // tested in the gateway module, here they would only measure themselves
            props.put("jixiao.gateway.rate-limit.device-per-second", "100000");
            props.put("jixiao.gateway.rate-limit.device-burst", "100000");
            props.put("jixiao.gateway.rate-limit.client-per-second", "100000");
            props.put("jixiao.gateway.rate-limit.client-burst", "100000");
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            // the portal test signs in through the demo issuer, with the test key pair the services already trust
            props.put("jixiao.gateway.demo-issuer.enabled", "true");
            props.put("jixiao.gateway.demo-issuer.issuer", TestTokens.ISSUER);
            props.put("jixiao.gateway.demo-issuer.private-key", TestKeys.privateKeyPem().toString());
            props.put("jixiao.gateway.demo-issuer.public-key", TestKeys.publicKeyPem().toString());
            launch("gateway", "gateway", props);
            for (Map.Entry<String, Integer> e : ports.entrySet()) {
                awaitReady(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> common() {
        return Map.of("mp.jwt.verify.publickey.location", TestKeys.publicKeyPem().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER, "mp.jwt.verify.audiences", TestTokens.AUDIENCE,
                "quarkus.log.console.json.enabled", "false");
    }

    private void launch(String name, String module, Map<String, String> props) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the reactor (mvn verify) before the system test");
        }
        Path newer = newestSource(
                List.of(root.resolve(module).resolve("src/main"), root.resolve("service-kit/src/main"),
                        root.resolve("web-kit/src/main")));
        if (newer != null && Files.getLastModifiedTime(newer).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            // a benchmark on an old jar measures code that is no longer in the tree
            throw new IllegalStateException(jar + " is older than " + root.relativize(newer)
                    + ": rebuild the services (./mvnw install -DskipTests) before the system test");
        }
        // a fixed set of JIT compiler threads, so that their CPU can be read from /proc (see cpuTicks)
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:-UseDynamicNumberOfCompilerThreads"));
        // extra JVM options for diagnosing a run (a GC log, a flight recording), e.g. -Djixiao.suite.jvm-args=-Xlog:gc
        for (String arg : System.getProperty("jixiao.suite.jvm-args", "").split(" ")) {
            if (!arg.isBlank()) {
                cmd.add(arg.replace("{name}", name));
            }
        }
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toString()));
        File log = logs.resolve(name + ".log").toFile();
        // a relaunched service writes on after its first life's log
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(processes.containsKey(name)
                ? ProcessBuilder.Redirect.appendTo(log)
                : ProcessBuilder.Redirect.to(log)).start();
        processes.put(name, p);
        launches.put(name, Map.entry(module, props));
    }

    /** Tells a service's process to stop (SIGTERM, as Kubernetes does in a rolling update), without waiting. */
    void terminate(String name) {
        processes.get(name).destroy();
    }

    /** Whether a service's process is still running. */
    boolean alive(String name) {
        return processes.get(name).isAlive();
    }

    /** Waits until a service's process has exited; false when it still runs after {@code timeout}. */
    boolean exited(String name, java.time.Duration timeout) throws InterruptedException {
        return processes.get(name).waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills a service's process at once (SIGKILL: no shutdown hook, no clean close of its connections). */
    void kill(String name) {
        Process p = processes.get(name);
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Launches a killed service again as it was first launched (same port, database, broker) and waits until ready. */
    void relaunch(String name) {
        Map.Entry<String, Map<String, String>> l = launches.get(name);
        try {
            launch(name, l.getKey(), l.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        awaitReady(name, ports.get(name));
    }

    /** The most recently changed file under {@code dirs}, or null when there is none. */
    private static Path newestSource(List<Path> dirs) throws IOException {
        Path newest = null;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (newest == null || Files.getLastModifiedTime(f).compareTo(Files.getLastModifiedTime(
                            newest)) > 0) {
                        newest = f;
                    }
                }
            }
        }
        return newest;
    }

    private void awaitReady(String name, int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Process p = processes.get(name);
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + logs.resolve(
                        name + ".log"));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                        .toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after 120 s; see " + logs.resolve(name + ".log"));
    }

    void stop() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A free port none of this suite's processes has been given yet: the kernel may hand out a port it has just
     * handed out (each probe's socket is closed at once), and two services on one port leave one of them dead while
     * the other answers for both.
     */
    private int port() throws IOException {
        while (true) {
            try (var s = new java.net.ServerSocket(0)) {
                int p = s.getLocalPort();
                if (given.add(p)) {
                    return p;
                }
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
