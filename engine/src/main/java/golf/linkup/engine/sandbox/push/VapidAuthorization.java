package golf.linkup.engine.sandbox.push;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.push.P256;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A push service's check of an RFC 8292 {@code Authorization: vapid t=<JWT>, k=<key>} header: the
 * JWT is ES256, signed by {@code k}, for {@code aud} = the endpoint's origin, not expired and
 * expiring at most 24 h ahead, with a {@code mailto:} or {@code https:} {@code sub}. Thread-safe;
 * its only state is the set of signatures already verified.
 */
final class VapidAuthorization {

    static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /**
     * Tokens whose ES256 signature verified, with their key ({@code k + " " + t}). A sender reuses
     * one token per push service for hours, and a push service checks a signature once, not on every
     * push; the claims (aud, exp, sub) are still checked on every request. Emptied when full.
     */
    private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();
    private static final int MAX_VERIFIED = 1024;

    private VapidAuthorization() {
    }

    /** A header that passed: {@code key} is the VAPID public key ({@code k}), base64url. */
    record Verified(String key, String subject, Instant expiresAt) {
    }

    /** Why a header was refused. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    /**
     * @param header   the whole {@code Authorization} value
     * @param endpoint the push resource the request was sent to; its origin must be {@code aud}
     * @throws Rejected with the reason, for the push service's 401 answer
     */
    static Verified verify(String header, String endpoint, Instant now) throws Rejected {
        if (header == null || header.isBlank()) {
            throw new Rejected("missing Authorization header");
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("vapid")) {
            throw new Rejected("Authorization scheme is not vapid");
        }
        String token = null;
        String key = null;
        for (String param : value.substring(space + 1).split(",")) {
            int equals = param.indexOf('=');
            if (equals < 0) {
                throw new Rejected("malformed vapid parameter: " + param.strip());
            }
            String name = param.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String text = unquote(param.substring(equals + 1).strip());
            switch (name) {
                case "t" -> token = text;
                case "k" -> key = text;
                default -> {
                    // RFC 8292 §3: unknown parameters are ignored
                }
            }
        }
        if (token == null || key == null) {
            throw new Rejected("vapid needs both t and k");
        }
        ECPublicKey publicKey;
        try {
            publicKey = P256.publicKey(P256.fromBase64Url(key));
        } catch (IllegalArgumentException e) {
            throw new Rejected("k is not a P-256 public key: " + e.getMessage());
        }

        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("t is not a JWS compact serialization");
        }
        JsonNode jwtHeader = json(parts[0], "header");
        if (!"ES256".equals(jwtHeader.path("alg").asText())) {
            throw new Rejected("JWT alg must be ES256, was " + jwtHeader.path("alg").asText());
        }
        byte[] signature = bytes(parts[2], "signature");
        if (signature.length != 64) {
            throw new Rejected("ES256 signature must be 64 bytes (R || S), was " + signature.length);
        }
        String signed = key + " " + token;
        if (!VERIFIED.containsKey(signed)) {
            try {
                Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                verifier.initVerify(publicKey);
                verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                if (!verifier.verify(signature)) {
                    throw new Rejected("JWT signature does not verify with k");
                }
            } catch (GeneralSecurityException e) {
                throw new Rejected("JWT signature does not verify with k: " + e.getMessage());
            }
            if (VERIFIED.size() >= MAX_VERIFIED) {
                VERIFIED.clear();
            }
            VERIFIED.put(signed, Boolean.TRUE);
        }

        JsonNode claims = json(parts[1], "claims");
        String audience = claims.path("aud").asText(null);
        String expected = origin(endpoint);
        if (audience == null || !expected.equals(originOrSelf(audience))) {
            throw new Rejected("aud " + audience + " is not the endpoint's origin " + expected);
        }
        if (!claims.path("exp").canConvertToLong()) {
            throw new Rejected("exp is missing or not a number");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!expiresAt.isAfter(now)) {
            throw new Rejected("JWT expired at " + expiresAt);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new Rejected("exp " + expiresAt + " is more than 24 h ahead");
        }
        String subject = claims.path("sub").asText(null);
        if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
            throw new Rejected("sub must be a mailto: or https: contact, was " + subject);
        }
        return new Verified(P256.base64Url(P256.uncompressed(publicKey)), subject, expiresAt);
    }

    /** RFC 6454 serialization: {@code scheme://host[:port]}, lower case, default port left out. */
    static String origin(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The audience normalized when it is an origin (no path, query or fragment), else unchanged. */
    private static String originOrSelf(String audience) {
        try {
            URI uri = URI.create(audience);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return bare ? origin(audience) : audience;
        } catch (RuntimeException e) {
            return audience;
        }
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static byte[] bytes(String part, String what) throws Rejected {
        try {
            return P256.fromBase64Url(part);
        } catch (IllegalArgumentException e) {
            throw new Rejected("JWT " + what + " is not base64url");
        }
    }

    private static JsonNode json(String part, String what) throws Rejected {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes(part, what));
            if (node == null || !node.isObject()) {
                throw new Rejected("JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new Rejected("JWT " + what + " is not JSON");
        }
    }
}
