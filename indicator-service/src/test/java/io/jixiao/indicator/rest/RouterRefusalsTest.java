package io.jixiao.indicator.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Requests Vert.x Web refuses before JAX-RS sees them (a Host header that is not a host) are RFC 9457 problems like
 * every other refusal, not a text body saying "500 - Internal Server Error", and they log no ERROR line.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class RouterRefusalsTest {

    @Test
    void aHostHeaderThatIsNotAHostIsA400ProblemAndNoErrorIsLogged() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String host : List.of("a:b:c", "x y", "localhost:99999", "[::1")) {
                String answer = raw("GET /api/v1/subjects HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                        + TestTokens.admin() + "\r\nX-Request-Id: bad-host-1\r\nConnection: close\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 400 "), host + ": " + answer);
                String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
                assertTrue(head.contains("content-type: application/problem+json"), head);
                JsonNode p = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals(400, p.path("status").asInt());
                assertEquals("the Host header is missing or is not a host name with an optional port",
                        p.path("detail").asText());
                assertEquals("/api/v1/subjects", p.path("instance").asText());
                assertEquals("bad-host-1", p.path("requestId").asText());
                assertFalse(answer.contains("500"), answer);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(errors.isEmpty(), "logged as errors: " + errors.stream().map(LogRecord::getMessage).toList());
        // a good Host still reaches the API
        assertTrue(raw("GET /api/v1/subjects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.admin() + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200 "));
    }

    /** One request written as it is, and the whole answer up to the server's close. */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
