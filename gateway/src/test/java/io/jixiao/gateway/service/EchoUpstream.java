package io.jixiao.gateway.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.TestKeys;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A stand-in service that echoes what the gateway forwarded; evaluation points at a closed port (a service down). */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_SECRET = "test-secret-7f3a";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String route = exchange.getRequestURI().getPath();
                if (route.endsWith("/early-413")) {
                    // a service refusing a body past its own limit: it answers at once and closes, unread
                    exchange.getResponseHeaders().add("Connection", "close");
                    exchange.sendResponseHeaders(413, -1);
                    exchange.close();
                    return;
                }
                if (route.endsWith("/large")) {
                    // a large answer that takes a while: 64 KB every 20 ms, 4 MB in all
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    try (var out = exchange.getResponseBody()) {
                        for (int i = 0; i < 64; i++) {
                            out.write(chunk);
                            out.flush();
                            Thread.sleep(20);
                        }
                    } catch (IOException | InterruptedException gone) {
                        // the gateway reset the answer
                    }
                    exchange.close();
                    return;
                }
                JsonObject echo = new JsonObject().put("method", exchange.getRequestMethod())
                        .put("uri", exchange.getRequestURI().toString());
                JsonObject headers = new JsonObject();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                echo.put("headers", headers);
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readAllBytes();
                    echo.put("body", body.length > 100_000
                            ? String.valueOf(body.length)
                            : new String(body, StandardCharsets.UTF_8));
                }
                // a league table of 25 subjects answers the page asked for (?size=, 20 by default): one echo per row;
                // the periods with scorecards, three
                // a year of 120 red projects, each of its own department, and a disposal task of another; the
                // subjects asked for by code (?code=), each with a name
                String answer = route.endsWith("/league")
                        ? leaguePage(exchange.getRequestURI(), echo)
                        : route.endsWith("/budget/views/warnings")
                                ? warnings(echo)
                                : route.equals("/api/v1/subjects")
                                        && String.valueOf(exchange.getRequestURI().getQuery()).contains("code=")
                                                ? named(exchange.getRequestURI(), echo)
                                                : route.equals("/api/v1/periods") ? periods(echo) : echo.encode();
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Upstream", "echo");
                if (exchange.getRequestURI().getPath().endsWith("/created")) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:"
                            + exchange.getLocalAddress().getPort() + "/api/v1/values/42?v=1");
                }
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/unavailable")) {
                    // what a service answers while its database is away
                    exchange.getResponseHeaders().add("Retry-After", "5");
                }
                exchange.sendResponseHeaders(
                        path.endsWith("/missing") ? 404 : path.endsWith("/unavailable") ? 503 : 200,
                        out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            int port = server.getAddress().getPort();
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            Map<String, String> c = new HashMap<>();
            String up = "http://127.0.0.1:" + port;
            c.put("jixiao.gateway.services.indicator", up);
            c.put("jixiao.gateway.services.survey", up);
            c.put("jixiao.gateway.services.budget", up);
            c.put("jixiao.gateway.services.evaluation", "http://127.0.0.1:" + closed);
            c.put("mp.jwt.verify.publickey.location", TestKeys.publicKeyPem().toUri().toString());
            c.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
            c.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
            c.put("jixiao.gateway.rate-limit.device-per-second", "2");
            c.put("jixiao.gateway.rate-limit.device-burst", "5");
            // the tests call from 127.0.0.1, here a load balancer in front of the gateway
            c.put("jixiao.gateway.trusted-proxies", "127.0.0.1");
            c.put("jixiao.gateway.breaker.threshold", "3");
            c.put("jixiao.gateway.cors-origins", "https://portal.example.gov.cn");
            c.put("kafka.bootstrap.servers", LocalKafka.shared().bootstrapServers());
            java.nio.file.Path clients = java.nio.file.Files.createTempFile("clients", ".properties");
            java.nio.file.Files.writeString(clients, "hotline-12345=" + CLIENT_SECRET + "\n");
            c.put("jixiao.gateway.demo-issuer.clients-file", clients.toString());
            c.put("jixiao.gateway.demo-issuer.enabled", "true");
            c.put("jixiao.gateway.demo-issuer.issuer", TestTokens.ISSUER);
            c.put("jixiao.gateway.demo-issuer.private-key", TestKeys.privateKeyPem().toString());
            c.put("jixiao.gateway.demo-issuer.public-key", TestKeys.publicKeyPem().toString());
            return c;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The warnings of a year: 120 red projects of departments W000 to W119, a disposal task of T1. */
    private static String warnings(JsonObject echo) {
        JsonArray red = new JsonArray();
        for (int i = 0; i < 120; i++) {
            red.add(new JsonObject().put("subject", String.format("W%03d", i)).put("name", "p" + i));
        }
        return echo.copy().put("red", new JsonObject().put("items", red).put("totalItems", 120))
                .put("openTasks", new JsonObject().put("items", new JsonArray().add(new JsonObject().put("subject",
                        "T1"))).put("totalItems", 1))
                .encode();
    }

    /**
     * The periods with scorecards: next year's, a quarter of this year and last year's, the first carrying the request
     * that asked.
     */
    private static String periods(JsonObject echo) {
        int now = java.time.Year.now().getValue();
        return new JsonArray().add(new JsonObject().put("period", String.valueOf(now + 1)).put("scorecards", 2)
                .put("echo", echo)).add(new JsonObject().put("period", now + "-Q1").put("scorecards", 3))
                .add(new JsonObject().put("period", String.valueOf(now - 1)).put("scorecards", 5)).encode();
    }

    /** The subjects named by ?code=: each with a name, and the request that asked for it. */
    private static String named(URI uri, JsonObject echo) {
        JsonArray items = new JsonArray();
        for (String p : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
            if (p.startsWith("code=")) {
                String code = p.substring(5);
                items.add(new JsonObject().put("code", code).put("nameZh", "名" + code).put("uri", echo.getString(
                        "uri")));
            }
        }
        return new JsonObject().put("items", items).put("totalItems", items.size()).encode();
    }

    /** A page of a league table of 25 subjects, its rows echoes of the request. */
    private static String leaguePage(URI uri, JsonObject echo) {
        int size = 20;
        for (String p : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
            size = p.startsWith("size=") ? Integer.parseInt(p.substring(5)) : size;
        }
        int total = 25;
        int rows = Math.min(size, total);
        return new JsonObject().put("items", new JsonArray(Collections.nCopies(rows, echo))).put("page", 0)
                .put("size", size).put("totalItems", total).put("totalPages", (total + size - 1) / size).encode();
    }
}
