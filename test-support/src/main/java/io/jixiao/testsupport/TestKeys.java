package io.jixiao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA key pair for signing test tokens, generated on first use under {@code target/test-keys} of the module under
 * test. Nothing is committed: every fresh build makes its own pair. Files are used (not static fields) because the
 * Quarkus test resource and the test classes live in different class loaders.
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static Path dir() {
        String override = System.getProperty("jixiao.test.keys");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.dir"), "target", "test-keys");
    }

    public static synchronized Path publicKeyPem() {
        ensure();
        return dir().resolve("public.pem");
    }

    public static synchronized Path privateKeyPem() {
        ensure();
        return dir().resolve("private.pem");
    }

    public static synchronized PrivateKey privateKey() {
        try {
            String pem = Files.readString(privateKeyPem());
            String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensure() {
        Path dir = dir();
        if (Files.exists(dir.resolve("public.pem")) && Files.exists(dir.resolve("private.pem"))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            write(dir.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(dir.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path target, String kind, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Path tmp = Files.createTempFile(target.getParent(), "key", ".tmp");
        Files.writeString(tmp, "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
