package golf.linkup.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineSettingsTest {

    private static final String PRODUCTION_SECRET = "a-production-secret-that-is-long-enough-0123";

    private static EngineSettings read(Map<String, String> values) {
        return EngineSettings.read(new SettingsReader(values::get));
    }

    private static Map<String, String> production() {
        Map<String, String> m = new HashMap<>();
        m.put("linkup.profile", "production");
        m.put("linkup.redis.url", "redis://redis.internal:6379");
        m.put("linkup.db.url", "jdbc:postgresql://db:5432/linkup");
        m.put("linkup.jwt.secret", PRODUCTION_SECRET);
        m.put("linkup.smtp.url", "smtps://relay.internal:465");
        m.put("linkup.push.vapid-keys-file", "/etc/linkup/vapid-keys.json");
        m.put("linkup.gateway.allowed-origins", "https://app.linkup.golf");
        m.put("linkup.public-url", "https://realtime.linkup.golf");
        return m;
    }

    @Test
    void theSandboxNeedsNoConfiguration() {
        EngineSettings s = read(Map.of());

        assertEquals(Profile.SANDBOX, s.profile());
        assertTrue(s.sandbox());
        assertEquals("0.0.0.0", s.httpHost());
        assertEquals(3001, s.httpPort());
        assertEquals(Optional.empty(), s.redisUri());
        assertEquals(Optional.empty(), s.dbUrl());
        assertEquals("sa", s.dbUser());
        assertEquals("", s.dbPassword());
        assertEquals(10, s.dbPoolSize());
        assertEquals(EngineSettings.SANDBOX_JWT_SECRET, s.jwtSecret());
        assertEquals("linkup:events", s.intake().legacyChannel());
        assertEquals("linkup:events:stream", s.intake().stream());
        assertEquals(java.time.Duration.ofSeconds(30), s.intake().claimIdle());
        assertEquals("linkup:fanout", s.fanoutChannel());
        assertEquals(Duration.ofHours(24), s.eventDedupTtl());
        assertEquals(64 * 1024, s.maxFrameBytes());
        assertEquals(100, s.sendBufferMessages());
        assertEquals(Duration.ofSeconds(6), s.healthStaleAfter());
        assertTrue(s.loadSampleData());
        assertEquals(Path.of("sample-data"), s.sampleDataDir());
        assertFalse(s.instanceId().isBlank());
    }

    @Test
    void admissionControlDefaultsToFiveHundredNewConnectionsASecondAndABurstOfTwiceTheRate() {
        GatewaySettings defaults = read(Map.of()).gateway();
        assertEquals(500, defaults.admissionPerSecond());
        assertEquals(1_000, defaults.admissionBurst());
        assertEquals(Duration.ofSeconds(30), defaults.admissionMaxRetryAfter());

        GatewaySettings set = read(Map.of("linkup.gateway.admission.connections-per-second", "40")).gateway();
        assertEquals(40, set.admissionPerSecond());
        assertEquals(80, set.admissionBurst(), "the burst follows the rate unless set");
    }

    @Test
    void blankValuesCountAsAbsent() {
        EngineSettings s = read(Map.of("linkup.http.port", "  ", "linkup.profile", ""));

        assertEquals(3001, s.httpPort());
        assertEquals(Profile.SANDBOX, s.profile());
    }

    @Test
    void productionWithEverythingConfiguredReads() {
        EngineSettings s = read(production());

        assertEquals(Profile.PRODUCTION, s.profile());
        assertFalse(s.sandbox());
        assertEquals(Optional.of(URI.create("redis://redis.internal:6379")), s.redisUri());
        assertEquals(Optional.of("jdbc:postgresql://db:5432/linkup"), s.dbUrl());
        assertEquals("", s.dbUser(), "no default user for PostgreSQL");
        assertEquals(PRODUCTION_SECRET, s.jwtSecret());
        assertFalse(s.loadSampleData());
    }

    @Test
    void productionWithNothingConfiguredNamesEveryMissingKeyInOneMessageOriginsIncluded() {
        var e = assertThrows(InvalidSettingException.class, () -> read(Map.of("linkup.profile", "production")));

        assertEquals("linkup.profile", e.key());
        for (String expected : new String[] {"linkup.redis.url", "LINKUP_REDIS_URL", "linkup.db.url", "LINKUP_DB_URL",
                "linkup.jwt.secret", "LINKUP_JWT_SECRET", "linkup.smtp.url", "LINKUP_SMTP_URL",
                "linkup.push.vapid-keys-file", "LINKUP_PUSH_VAPID_KEYS_FILE", "linkup.gateway.allowed-origins",
                "LINKUP_GATEWAY_ALLOWED_ORIGINS", "linkup.public-url", "LINKUP_PUBLIC_URL"}) {
            assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should name " + expected);
        }
    }

    @Test
    void theAllowedPushServicesDefaultToTheMajorBrowsersAndABadEntryIsNamed() {
        assertEquals(golf.linkup.engine.notifications.push.PushEndpointPolicy.MAJOR_PUSH_SERVICES,
                read(production()).pushAllowedHosts());
        Map<String, String> m = production();
        m.put("linkup.push.allowed-hosts", "push.example.com, *.push.example.net");
        assertEquals(java.util.List.of("push.example.com", "*.push.example.net"), read(m).pushAllowedHosts());
        m.put("linkup.push.allowed-hosts", "https://push.example.com/");
        assertEquals("linkup.push.allowed-hosts", assertThrows(InvalidSettingException.class, () -> read(m)).key());
    }

    @Test
    void productionRefusesAnH2Database() {
        Map<String, String> m = production();
        m.put("linkup.db.url", "jdbc:h2:mem:linkup");

        var e = assertThrows(InvalidSettingException.class, () -> read(m));

        assertTrue(e.getMessage().contains("linkup.db.url"), e.getMessage());
        assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
        assertFalse(e.getMessage().contains("linkup.redis.url"), "only the missing key is named: " + e.getMessage());
    }

    @Test
    void productionRefusesTheSandboxSecret() {
        Map<String, String> m = production();
        m.put("linkup.jwt.secret", EngineSettings.SANDBOX_JWT_SECRET);

        var e = assertThrows(InvalidSettingException.class, () -> read(m));

        assertTrue(e.getMessage().contains("linkup.jwt.secret"), e.getMessage());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("linkup.http.port", "abc", "not a whole number"),
                Arguments.of("linkup.http.port", "70000", "outside"),
                Arguments.of("linkup.http.port", "-1", "outside"),
                Arguments.of("linkup.db.pool-size", "0", "outside"),
                Arguments.of("linkup.db.pool-size", "1", "outside"),
                Arguments.of("linkup.events.dedup-ttl", "soon", "not a duration"),
                Arguments.of("linkup.health.stale-after", "5x", "not a duration"),
                Arguments.of("linkup.profile", "staging", "not one of"),
                Arguments.of("linkup.db.url", "jdbc:mysql://db:3306/linkup", "jdbc:postgresql:"),
                Arguments.of("linkup.redis.url", "http://redis:6379", "scheme"),
                Arguments.of("linkup.redis.url", "redis:///0", "host"),
                Arguments.of("linkup.jwt.secret", "short-secret", "32 bytes"),
                Arguments.of("linkup.sample-data.load", "maybe", "true or false"),
                Arguments.of("linkup.gateway.http.idle-timeout", "60s", "linkup.gateway.pong-timeout"),
                Arguments.of("linkup.gateway.http.request-timeout", "0s", "longer than zero"),
                Arguments.of("linkup.gateway.admission.connections-per-second", "0", "outside"),
                Arguments.of("linkup.gateway.admission.burst", "0", "outside"),
                Arguments.of("linkup.gateway.admission.max-retry-after", "500ms", "between 1s and 1h"),
                Arguments.of("linkup.gateway.admission.max-retry-after", "2h", "between 1s and 1h"));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingItsKeyAndEnvironmentVariable(String key, String value, String why) {
        var e = assertThrows(InvalidSettingException.class, () -> read(Map.of(key, value)));

        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(InvalidSettingException.envName(key)), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aCollectingReaderNamesEveryBadKeyInOneMessage() {
        SettingsReader in = SettingsReader.of(Map.of("linkup.http.port", "abc", "linkup.health.stale-after", "5x",
                "linkup.gateway.admission.burst", "0"));
        EngineSettings.read(in); // goes on with the defaults, noting what it refused

        var e = assertThrows(InvalidSettingException.class, in::throwIfRefused);

        assertTrue(e.getMessage().startsWith("3 configuration keys cannot be used"), e.getMessage());
        for (String key : new String[] {"linkup.http.port", "linkup.health.stale-after", "linkup.gateway.admission.burst"}) {
            assertTrue(e.getMessage().contains("'" + key + "' (env " + InvalidSettingException.envName(key) + ")"),
                    e.getMessage());
        }
    }

    @Test
    void productionWithNothingConfiguredAndABadValueNamesBothInOneMessage() {
        SettingsReader in = SettingsReader.of(Map.of("linkup.profile", "production", "linkup.http.port", "70000"));
        EngineSettings.read(in);

        var e = assertThrows(InvalidSettingException.class, in::throwIfRefused);

        assertTrue(e.getMessage().contains("production needs"), e.getMessage());
        assertTrue(e.getMessage().contains("linkup.smtp.url"), e.getMessage());
        assertTrue(e.getMessage().contains("'linkup.http.port'"), e.getMessage());
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("LINKUP_WS_SEND_BUFFER_MESSAGES", InvalidSettingException.envName("linkup.ws.send-buffer-messages"));
    }

    @Test
    void profileNamesAreCaseInsensitive() {
        assertEquals(Profile.SANDBOX, read(Map.of("linkup.profile", "Sandbox")).profile());
    }
}
