package io.jixiao.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Properties;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.jixiao.gateway.config.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs demo tokens for the local run only, with the key pair the start script generated (never committed). Anywhere
 * else it is disabled and tokens come from the configured OIDC provider.
 */
@ApplicationScoped
public class DemoTokenIssuer {

    public static final Set<String> ROLES = Set.of("admin", "superior", "department", "assessor", "finance", "system");

    /** An RFC 6749 section 5.1 token response. */
    public record IssuedToken(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn) {
    }

    private final GatewayConfig config;

    public DemoTokenIssuer(GatewayConfig config) {
        this.config = config;
    }

    public String issuerId() {
        return config.demoIssuer().issuer();
    }

    public boolean enabled() {
        return config.demoIssuer().enabled() && config.demoIssuer().privateKey().isPresent();
    }

    public IssuedToken issue(String subject, String role, String dept, String org) {
        long lifetime = config.demoIssuer().lifetime().toSeconds();
        JwtClaimsBuilder b = Jwt.issuer(config.demoIssuer().issuer()).audience(config.demoIssuer().audience())
                .subject(subject).upn(subject).groups(Set.of(role)).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(lifetime));
        if (dept != null) {
            b.claim("dept", dept);
        }
        if (org != null) {
            b.claim("org", org);
        }
        return new IssuedToken(b.jws().keyId("jixiao-demo").sign(privateKey()), "Bearer", lifetime);
    }

    /**
     * OAuth 2.0 client credentials (RFC 6749 section 4.4) for the demo's machine clients: a {@code system} token whose
     * subject and {@code azp} are the client id. Empty when the client or its secret is unknown.
     */
    public Optional<IssuedToken> clientCredentials(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        String known = clients().getProperty(clientId);
        if (known == null || !MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        long lifetime = config.demoIssuer().clientLifetime().toSeconds();
        String token = Jwt.issuer(config.demoIssuer().issuer()).audience(config.demoIssuer().audience())
                .subject(clientId).upn(clientId).claim("azp", clientId).groups(Set.of("system"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(lifetime)).jws().keyId("jixiao-demo")
                .sign(privateKey());
        return Optional.of(new IssuedToken(token, "Bearer", lifetime));
    }

    private Properties clients() {
        Properties p = new Properties();
        config.demoIssuer().clientsFile().map(Path::of).filter(Files::isReadable).ifPresent(f -> {
            try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        });
        return p;
    }

    /** The public key as a JWK set, for services and systems that verify demo tokens by JWKS. */
    public Map<String, Object> jwks() {
        RSAPublicKey key = publicKey();
        return Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "jixiao-demo", "use", "sig", "alg", "RS256", "n",
                b64(key.getModulus()), "e", b64(key.getPublicExponent()))));
    }

    private PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(
                    config.demoIssuer().privateKey().orElseThrow())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("demo issuer private key unreadable", e);
        }
    }

    private RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(
                    config.demoIssuer().publicKey().orElseThrow())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("demo issuer public key unreadable", e);
        }
    }

    private static byte[] der(String pemFile) {
        try {
            String pem = Files.readString(Path.of(pemFile));
            return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pemFile, e);
        }
    }

    private static String b64(BigInteger i) {
        byte[] bytes = i.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
