package io.jixiao.gateway.client;

/** The portal user's own credentials and correlation id, passed on to every service (each checks them again). */
public record Caller(String authorization, String requestId) {
}
