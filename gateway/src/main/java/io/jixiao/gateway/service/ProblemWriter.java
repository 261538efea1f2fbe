package io.jixiao.gateway.service;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem responses written by the gateway itself (unknown route, bad token, service down). */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    public static void write(HttpServerResponse response, int status, String slug, String title, String detail,
            String instance, String requestId) {
        if (response.ended() || response.headWritten()) {
            if (!response.ended()) {
                response.end();
            }
            return;
        }
        JsonObject p = new JsonObject().put("type", "https://jixiao.io/problems/" + slug).put("title", title)
                .put("status", status).put("detail", detail).put("instance", instance);
        if (requestId != null) {
            p.put("requestId", requestId);
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(p.encode());
    }
}
