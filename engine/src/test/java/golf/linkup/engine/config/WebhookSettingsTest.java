package golf.linkup.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static WebhookSettings read(Map<String, String> values) {
        SettingsReader in = SettingsReader.of(values);
        WebhookSettings settings = WebhookSettings.read(in);
        in.throwIfRefused();
        return settings;
    }

    @Test
    void offByDefault() {
        WebhookSettings settings = WebhookSettings.defaults();
        assertFalse(settings.enabled());
        assertEquals(5, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(5), settings.timeout());
    }

    @Test
    void aUrlWithoutASecretIsRefusedNamingTheSecretKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("linkup.webhook.url", "https://api.example.com/hooks")));
        assertEquals("linkup.webhook.secret", e.key());
        assertTrue(e.getMessage().contains("LINKUP_WEBHOOK_SECRET"), e.getMessage());
    }

    @Test
    void aShortSecretAndBadValuesAreAllNamedAtOnce() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                "linkup.webhook.url", "ftp://api.example.com/hooks",
                "linkup.webhook.secret", "s3cr3t-value",
                "linkup.webhook.max-attempts", "0",
                "linkup.webhook.backoff.initial", "10s",
                "linkup.webhook.backoff.max", "1s",
                "linkup.webhook.timeout", "10ms",
                "linkup.webhook.retries", "3")));
        for (String key : new String[] {"linkup.webhook.url", "linkup.webhook.max-attempts",
                "linkup.webhook.backoff.max", "linkup.webhook.timeout", "linkup.webhook.retries"}) {
            assertTrue(e.getMessage().contains(key), key + " in " + e.getMessage());
        }
    }

    @Test
    void aShortSecretIsRefusedWithoutShowingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                "linkup.webhook.url", "https://api.example.com/hooks", "linkup.webhook.secret", "s3cr3t-value")));
        assertEquals("linkup.webhook.secret", e.key());
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value"), "the secret's value is never shown: " + e.getMessage());
    }

    @Test
    void backOffGrowsByTheMultiplierUpToTheMaximum() {
        WebhookSettings settings = read(Map.of("linkup.webhook.url", "http://127.0.0.1:8080/hook",
                "linkup.webhook.secret", SECRET, "linkup.webhook.max-attempts", "6",
                "linkup.webhook.backoff.initial", "1s", "linkup.webhook.backoff.multiplier", "3",
                "linkup.webhook.backoff.max", "20s", "linkup.webhook.timeout", "2s"));
        assertEquals(Duration.ofSeconds(1), settings.backoffBefore(2));
        assertEquals(Duration.ofSeconds(3), settings.backoffBefore(3));
        assertEquals(Duration.ofSeconds(9), settings.backoffBefore(4));
        assertEquals(Duration.ofSeconds(20), settings.backoffBefore(5));
        // 6 time-outs of 2 s and waits of 1 + 3 + 9 + 20 + 20 s
        assertEquals(Duration.ofSeconds(12 + 53), settings.longestDelivery());
    }

    @Test
    void theShownUrlAndToStringHideUserInfoQueryAndSecret() {
        WebhookSettings settings = read(Map.of("linkup.webhook.url",
                "https://user:pw@api.example.com:8443/hooks/linkup?token=abc", "linkup.webhook.secret", SECRET));
        assertEquals("https://api.example.com:8443/hooks/linkup?…", settings.displayUrl());
        assertFalse(settings.toString().contains(SECRET));
        assertFalse(settings.toString().contains("pw"));
        assertEquals("http://h/x", WebhookSettings.display(URI.create("http://h/x")));
    }
}
