package io.jixiao.gateway.security;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An identity provider's JWKS endpoint whose key set the test rotates (publish a new key, retire an old one), and a
 * stand-in service answering 200 behind the gateway.
 */
public class RotatingJwks implements QuarkusTestResourceLifecycleManager {

    /**
     * Keys and the published set live in files: the test resource and the test class see the class through different
     * class loaders, so static fields would not be shared.
     */
    static final Path DIR = Path.of("target", "rotating-jwks");
    static final AtomicInteger FETCHES = new AtomicInteger();
    private HttpServer server;

    static synchronized KeyPair key(String kid) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(kid + ".key");
            if (!Files.exists(file)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                try (var out = new ObjectOutputStream(Files.newOutputStream(file))) {
                    out.writeObject(g.generateKeyPair());
                }
            }
            try (var in = new ObjectInputStream(Files.newInputStream(file))) {
                return (KeyPair) in.readObject();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void publish(String kid) {
        key(kid);
        try {
            Files.writeString(DIR.resolve(kid + ".published"), kid);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<String> published() {
        try (var files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".published"))
                    .map(n -> n.substring(0, n.length() - ".published".length())).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String token(String kid) {
        return TestTokens.builder("rotating-" + kid, "admin", null, null).jws().keyId(kid)
                .sign(key(kid).getPrivate());
    }

    private static String jwks() {
        return published().stream().map(kid -> {
            RSAPublicKey pub = (RSAPublicKey) key(kid).getPublic();
            return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(
                    pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}";
        }).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private static String b64(BigInteger v) {
        byte[] bytes = v.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Map<String, String> start() {
        try (var old = Files.list(Files.createDirectories(DIR))) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        publish("k1");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                boolean jwks = path.equals("/jwks");
                if (jwks) {
                    FETCHES.incrementAndGet();
                }
                String body = jwks ? jwks() : path.equals("/fetches") ? String.valueOf(FETCHES.get()) : "{\"ok\":true}";
                byte[] out = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> c = new LinkedHashMap<>();
        for (String s : new String[]{"indicator", "evaluation", "survey", "budget"}) {
            c.put("jixiao.gateway.services." + s, base);
        }
        c.put("mp.jwt.verify.publickey.location", base + "/jwks");
        c.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        c.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        c.put("kafka.bootstrap.servers", LocalKafka.shared().bootstrapServers());
        // production refetches for an unknown key id at most once a minute; the test may not wait that long
        c.put("smallrye.jwt.jwks.forced-refresh-interval", "0");
        return c;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
