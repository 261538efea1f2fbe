package io.jixiao.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.jixiao.testsupport.LocalKafka;

/**
 * What a deployment takes from the build. The Kubernetes manifests that Quarkus generates at package time (DESIGN
 * section 10) are held to the services' own configuration: the ports they listen on, the health endpoints they
 * answer, every environment variable they read, and the ConfigMap and Secrets described in {@code deploy/kubernetes}.
 * And survey-service does not start on a fingerprint salt that everyone knows.
 */
class DeploymentIT {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path DEPLOY = ROOT.resolve("deploy/kubernetes");
    static final Map<String, String> MODULES = Map.of("indicator-service", "indicator", "evaluation-service",
            "evaluation", "survey-service", "survey", "budget-service", "budget", "gateway", "gateway");
    static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Variables a service may read that a Kubernetes deployment leaves at their defaults, and why. Anything else a
     * service reads from its environment must come from its manifest.
     */
    static final Map<String, String> DEFAULT_IS_RIGHT = Map.of(
            "JIXIAO_DEMO_ISSUER", "the demo token issuer is for the local run only and is off by default",
            "JIXIAO_KEYS_DIR", "read only by the demo issuer",
            "LOG_JSON", "logs are JSON by default in production",
            "PORTAL_OIDC_CLIENT_ID", "the portal's client id, jixiao-portal, as in docker/keycloak's realm");

    /** The variables a module's application.properties reads ({@code ${NAME}} or {@code ${NAME:default}}). */
    static Set<String> variables(String module) throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern var = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        for (String line : Files
                .readAllLines(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            if (line.startsWith("#") || line.startsWith("%dev.") || line.startsWith("%test.")) {
                continue;
            }
            Matcher m = var.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (var in = Files
                .newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** A module's generated manifest, by kind (one resource of each kind). */
    static Map<String, JsonNode> manifest(String module) throws IOException {
        Path yml = ROOT.resolve(module).resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(yml), yml + " is missing: package the services (./mvnw install -DskipTests)");
        for (Path source : List.of(ROOT.resolve("pom.xml"), ROOT.resolve(module).resolve("pom.xml"),
                ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            assertTrue(Files.getLastModifiedTime(source).compareTo(Files.getLastModifiedTime(yml)) <= 0,
                    yml + " is older than " + source + ": package the services again");
        }
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        for (JsonNode d : resources(yml)) {
            assertNull(byKind.put(d.get("kind").asText(), d), "two " + d.get("kind") + " in " + yml);
        }
        return byKind;
    }

    /** The Kubernetes resources of a YAML file of several documents (empty documents left out). */
    static List<JsonNode> resources(Path yml) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yml.toFile())) {
            docs.forEachRemaining(d -> {
                if (d != null && d.has("kind")) {
                    resources.add(d);
                }
            });
        }
        return resources;
    }

    static JsonNode container(Map<String, JsonNode> manifest) {
        JsonNode containers = manifest.get("Deployment").at("/spec/template/spec/containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static JsonNode configMap() throws IOException {
        JsonNode cm = YAML.readTree(DEPLOY.resolve("config.yml").toFile());
        assertEquals("ConfigMap", cm.path("kind").asText());
        assertEquals("jixiao-config", cm.at("/metadata/name").asText());
        return cm.get("data");
    }

    @Test
    void eachServiceIsADeploymentOfTwoReplicasBehindAServiceOnItsOwnPortWithItsProbes() throws IOException {
        for (String module : MODULES.keySet()) {
            Map<String, JsonNode> m = manifest(module);
            assertTrue(m.keySet().containsAll(List.of("Deployment", "Service")),
                    module + ": " + m.keySet());
            assertFalse(m.containsKey("Job"),
                    module + ": migrations run at start, not in a job that waits on an image");
            JsonNode deployment = m.get("Deployment");
            JsonNode c = container(m);
            int port = Integer.parseInt(properties(module).getProperty("quarkus.http.port"));
            assertEquals(module, deployment.at("/metadata/name").asText());
            assertTrue(deployment.at("/spec/replicas").asInt() >= 2, module + " runs one replica");
            assertEquals(port, c.at("/ports/0/containerPort").asInt(), module);

            // the Deployment and the Service find the pods by labels the pods have, and not by their version, so that
            // the next version's manifest applies over this one (a Deployment's selector cannot change)
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            JsonNode selector = deployment.at("/spec/selector/matchLabels");
            for (JsonNode s : List.of(selector, m.get("Service").at("/spec/selector"))) {
                assertTrue(s.size() > 0, module);
                s.fields()
                        .forEachRemaining(e -> assertEquals(e.getValue(), podLabels.get(e.getKey()), module + " " + e));
                assertFalse(s.has("app.kubernetes.io/version"), module + " selects pods by version");
            }
            JsonNode servicePort = m.get("Service").at("/spec/ports/0");
            assertEquals(port, servicePort.path("targetPort").asInt(), module);
            assertEquals(80, servicePort.path("port").asInt(), module);

            for (String[] probe : new String[][]{{"livenessProbe", "/q/health/live"}, {"readinessProbe",
                    "/q/health/ready"}, {"startupProbe", "/q/health/started"}}) {
                assertEquals(probe[1], c.at("/" + probe[0] + "/httpGet/path").asText(), module + " " + probe[0]);
                assertEquals(port, c.at("/" + probe[0] + "/httpGet/port").asInt(), module + " " + probe[0]);
            }
            // a slow first start (migrations on a busy node) is not killed before five minutes
            assertTrue(
                    c.at("/startupProbe/failureThreshold").asInt() * c.at("/startupProbe/periodSeconds").asInt() >= 300,
                    module);
            assertEquals(properties(module).getProperty("quarkus.micrometer.export.prometheus.path"),
                    deployment.at("/spec/template/metadata/annotations").path("prometheus.io/path").asText(), module);

            String version = podLabels.path("app.kubernetes.io/version").asText();
            assertTrue(c.path("image").asText().endsWith("jixiao/" + module + ":" + version), c.path("image").asText());
            assertEquals("IfNotPresent", c.path("imagePullPolicy").asText(), module);
            assertFalse(c.at("/resources/limits/memory").asText().isEmpty(), module + " has no memory limit");
            assertTrue(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean(), module);
            // on SIGTERM the pod first reports not ready, so that its Service stops sending it calls (web-kit's
            // shutdown settings then finish those in flight)
            assertTrue(c.path("env").findValuesAsText("name").contains("QUARKUS_SHUTDOWN_DELAY"), module);
        }
    }

    @Test
    void everyVariableAServiceReadsComesFromItsManifestAndSecretsOnlyFromSecrets() throws IOException {
        JsonNode config = configMap();
        String secretsDoc = Files.readString(DEPLOY.resolve("README.md"), StandardCharsets.UTF_8).replace("\\\n", " ");
        Set<String> usedDefaults = new HashSet<>();
        Pattern secretLike = Pattern.compile(".*(PASSWORD|SECRET|SALT|TOKEN|KEY|DB_USER).*");
        config.fieldNames().forEachRemaining(k -> assertFalse(secretLike.matcher(k).matches(),
                "the ConfigMap holds " + k + ", which belongs in a Secret"));
        for (String module : MODULES.keySet()) {
            JsonNode c = container(manifest(module));
            Set<String> given = new TreeSet<>();
            for (JsonNode from : c.path("envFrom")) {
                assertEquals("jixiao-config", from.at("/configMapRef/name").asText(), module + " " + from);
                config.fieldNames().forEachRemaining(given::add);
            }
            for (JsonNode env : c.path("env")) {
                String name = env.path("name").asText();
                given.add(name);
                JsonNode secret = env.at("/valueFrom/secretKeyRef");
                JsonNode fromConfig = env.at("/valueFrom/configMapKeyRef");
                if (secretLike.matcher(name).matches()) {
                    assertFalse(secret.isMissingNode(), module + ": " + name + " is not taken from a Secret: " + env);
                }
                if (!secret.isMissingNode()) {
                    // the documented command creates that Secret with that key
                    String create = "kubectl create secret generic " + secret.path("name").asText() + " ";
                    assertTrue(secretsDoc.lines().anyMatch(l -> l.contains(create)
                            && l.contains("--from-literal=" + secret.path("key").asText() + "=")),
                            "deploy/kubernetes/README.md does not create " + secret);
                }
                if (!fromConfig.isMissingNode()) {
                    assertEquals("jixiao-config", fromConfig.path("name").asText(), module + " " + env);
                    assertTrue(config.has(fromConfig.path("key").asText()),
                            "deploy/kubernetes/config.yml has no " + fromConfig.path("key").asText() + " for "
                                    + module);
                }
            }
            Set<String> missing = new TreeSet<>(variables(module));
            missing.stream().filter(DEFAULT_IS_RIGHT::containsKey).forEach(usedDefaults::add);
            missing.removeAll(given);
            missing.removeAll(DEFAULT_IS_RIGHT.keySet());
            assertEquals(Set.of(), missing, module + " reads these, and its Kubernetes manifest does not set them");
        }
        // a reason kept for a variable no service reads any more would hide the next one of that name
        assertEquals(DEFAULT_IS_RIGHT.keySet(), usedDefaults);
    }

    @Test
    void theGatewayReachesEachServiceByItsKubernetesServiceAndTheIngressReachesTheGateway() throws IOException {
        Map<String, JsonNode> gateway = manifest("gateway");
        Map<String, String> env = new LinkedHashMap<>();
        container(gateway).path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        for (Map.Entry<String, String> e : MODULES.entrySet()) {
            if (e.getKey().equals("gateway")) {
                continue;
            }
            JsonNode service = manifest(e.getKey()).get("Service");
            int port = service.at("/spec/ports/0/port").asInt();
            assertEquals("http://" + service.at("/metadata/name").asText() + (port == 80 ? "" : ":" + port),
                    env.get(e.getValue().toUpperCase() + "_URL"), e.getKey());
        }
        JsonNode backend = gateway.get("Ingress").at("/spec/rules/0/http/paths/0/backend/service");
        assertEquals(gateway.get("Service").at("/metadata/name").asText(), backend.path("name").asText());
        assertEquals(gateway.get("Service").at("/spec/ports/0/name").asText(), backend.at("/port/name").asText());
        // imports and bulk calls up to the gateway's own limit pass ingress-nginx (1 MB by default)
        assertEquals("10m", gateway.get("Ingress").at("/metadata/annotations")
                .path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
    }

    /**
     * Only the gateway reaches the four services: survey-service takes a citizen's address from the entry the gateway
     * appends to {@code X-Forwarded-For}. The policy must select the services' pods by the labels their manifests give
     * them, and admit the gateway's pods on the port the services name.
     */
    @Test
    void theNetworkPolicyLetsOnlyTheGatewayReachTheServices() throws IOException {
        JsonNode policy = YAML.readTree(DEPLOY.resolve("network-policy.yml").toFile());
        assertEquals("NetworkPolicy", policy.path("kind").asText());
        assertEquals(1, policy.at("/spec/ingress").size());
        assertEquals(1, policy.at("/spec/ingress/0/from").size());
        JsonNode gatewayPods = manifest("gateway").get("Deployment").at("/spec/template/metadata/labels");
        assertTrue(selects(policy.at("/spec/ingress/0/from/0/podSelector"), gatewayPods),
                "the gateway is not admitted");
        for (String module : MODULES.keySet()) {
            Map<String, JsonNode> m = manifest(module);
            boolean service = !module.equals("gateway");
            assertEquals(service, selects(policy.at("/spec/podSelector"), m.get("Deployment")
                    .at("/spec/template/metadata/labels")), module);
            if (service) {
                assertEquals(container(m).at("/ports/0/name").asText(),
                        policy.at("/spec/ingress/0/ports/0/port").asText(), module);
            }
        }
    }

    /**
     * A drain of the cluster's nodes takes one pod of each deployable at a time: each has a disruption budget that
     * selects its pods and no other's, and keeps fewer pods than it runs (a budget of all of them blocks every drain).
     */
    @Test
    void eachDeployableKeepsAPodThroughANodeDrain() throws IOException {
        List<JsonNode> budgets = resources(DEPLOY.resolve("disruption-budgets.yml"));
        budgets.forEach(b -> assertEquals("PodDisruptionBudget", b.path("kind").asText()));
        for (String module : MODULES.keySet()) {
            JsonNode deployment = manifest(module).get("Deployment");
            JsonNode pods = deployment.at("/spec/template/metadata/labels");
            List<JsonNode> mine = budgets.stream().filter(b -> selects(b.at("/spec/selector"), pods)).toList();
            assertEquals(1, mine.size(), module + " is selected by " + mine.size() + " budgets");
            int keep = mine.get(0).at("/spec/minAvailable").asInt();
            assertTrue(keep >= 1 && keep < deployment.at("/spec/replicas").asInt(), module + " keeps " + keep);
        }
        assertEquals(MODULES.size(), budgets.size(), "a budget that selects no deployable");
    }

    /**
     * The local broker creates no topic on first use, as a production cluster seldom does: every topic a service reads
     * or parks records on must be one the local run creates, one the test broker creates, and one the Kubernetes README
     * tells an operator to create.
     */
    @Test
    void everyTopicAServiceNamesIsCreatedByTheLocalRunTheTestBrokerAndTheOperator() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String module : MODULES.keySet()) {
            Properties p = properties(module);
            for (String key : p.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.(topic|dead-letter-queue\\.topic)")) {
                    named.add(p.getProperty(key));
                }
            }
        }
        assertEquals(8, named.size(), "four event topics and four dead-letter topics: " + named);
        String script = Files.readString(ROOT.resolve("jixiao"));
        Set<String> local = new TreeSet<>();
        Matcher created = Pattern.compile("\\bjixiao\\.[a-z]+\\.(events|dlq)\\b").matcher(script);
        while (created.find()) {
            local.add(created.group());
        }
        assertEquals(named, local, "the topics ./jixiao start creates");
        assertEquals(named, new TreeSet<>(LocalKafka.TOPICS), "the topics the test broker creates");
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        named.forEach(t -> assertTrue(readme.contains("`" + t + "`"), t + " is not in deploy/kubernetes/README.md"));
    }

    /** Whether a label selector ({@code matchLabels}, {@code matchExpressions} with {@code In}) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        assertFalse(selector.isMissingNode() || selector.isEmpty(), "an empty selector selects every pod");
        boolean all = true;
        for (var it = selector.path("matchLabels").fields(); it.hasNext();) {
            var e = it.next();
            all &= e.getValue().equals(labels.get(e.getKey()));
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            assertEquals("In", x.path("operator").asText());
            boolean in = false;
            for (JsonNode v : x.path("values")) {
                in |= v.equals(labels.get(x.path("key").asText()));
            }
            all &= in;
        }
        return all;
    }

    /** The probes' paths answer 200 on the running services: a probe that misses its endpoint restarts a good pod. */
    @Test
    void theProbesPathsAnswerOnTheRunningServices() throws Exception {
        Suite suite = Suite.started();
        HttpClient http = HttpClient.newHttpClient();
        for (Map.Entry<String, String> e : MODULES.entrySet()) {
            JsonNode c = container(manifest(e.getKey()));
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                String path = c.at("/" + probe + "/httpGet/path").asText();
                HttpResponse<String> r = http
                        .send(HttpRequest.newBuilder(URI.create(suite.service(e.getValue()) + path))
                                .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), e.getKey() + " " + path + ": " + r.body());
            }
        }
    }

    /**
     * With the salt everyone could read in the repository, a fingerprint gives the citizen's address back by trying the
     * IPv4 space. The service refuses to start without a salt of its own, and names the setting. (The suite's
     * survey-service, started with a salt of 36 characters, shows that a good one is accepted.)
     */
    @Test
    void surveyServiceDoesNotStartWithoutASaltOfItsOwn() throws Exception {
        assertTrue(start("survey-service", null).contains("FINGERPRINT_SALT"));
        assertTrue(start("survey-service", "short-salt").contains("at least 16 characters"));
    }

    /** Starts a service's jar as deployed (prod profile) and returns what it printed before it exited. */
    private static String start(String module, String salt) throws Exception {
        Path log = Files.createTempFile("start-" + module, ".log");
        List<String> cmd = new ArrayList<>(List.of(Suite.javaBin(),
                "-Xmx128m", "-Dquarkus.http.port=0", "-jar",
                ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FINGERPRINT_SALT");
        if (salt != null) {
            pb.environment().put("FINGERPRINT_SALT", salt);
        }
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), module + " started with salt " + salt);
            assertNotEquals(0, p.exitValue());
            return Files.readString(log);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
