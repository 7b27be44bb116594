package io.petwatch.collector.outreach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/** Test stand-ins for Google's side of push: a service-account key file that names a local token endpoint. */
final class FakeGoogle {
    static final String TOKEN_ANSWER = "{\"access_token\":\"ya29.test-token\",\"expires_in\":3600,"
            + "\"token_type\":\"Bearer\"}";

    private FakeGoogle() {
    }

    /** Answers with a JSON body, as Google's endpoints do. */
    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A service-account key file as Firebase hands them out, with a fresh RSA key and the given token endpoint. */
    static Path serviceAccountKey(Path dir, String tokenUri) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = Map.of("type", "service_account", "project_id", "petwatch-test",
                "private_key_id", "key-1", "private_key", pem,
                "client_email", "pushes@petwatch-test.iam.gserviceaccount.com", "client_id", "1234567890",
                "token_uri", tokenUri);
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(key));
        return file;
    }
}
