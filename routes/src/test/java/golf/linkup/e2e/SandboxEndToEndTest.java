package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.teeTimeCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.app.LinkupApplication;
import golf.linkup.engine.config.InvalidSettingException;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as {@code bin/linkup sandbox} runs it: the sample data set is loaded and the
 * documented personas work; and the production profile refuses to start without its systems.
 */
class SandboxEndToEndTest {

    @Test
    void theSandboxLoadsTheSampleDataAndAPersonaSeesTheirTeeTimeInTheFeed() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.sample-data.load", "true");
        overrides.put("linkup.sample-data.dir", "../sample-data");
        try (EngineInstance engine = EngineInstance.start(overrides);
                EventPublisher events = new EventPublisher(SharedRedis.uri());
                WsTestClient priya = engine.connect("user-0002")) {
            JsonNode subscribed = priya.subscribeFeed("{\"industries\":[\"FINANCE\"]}");
            assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");

            events.publish(teeTimeCreated("tt-0001"));

            JsonNode card = priya.await("tt-0001", m -> m.path("data").path("teeTime").path("id").asText()
                    .equals("tt-0001")).path("data").path("teeTime");
            assertThat(card.path("course").path("id").asText()).isEqualTo("course-bethpage-black");
            assertThat(card.path("host").path("id").asText()).isEqualTo("user-0001");
            assertThat(card.path("industry").asText()).isEqualTo("FINANCE");
            assertThat(card.path("totalSlots").asInt()).isEqualTo(4);
            assertThat(card.path("openSlots").asInt()).isEqualTo(2);
            assertThat(card.path("timeZone").asText()).isEqualTo("America/New_York");
        }
    }

    @Test
    void productionRefusesToStartAndNamesEverythingMissing() {
        Main main = LinkupApplication.create(Map.of("linkup.profile", "production", "linkup.http.port", "0"));
        assertThatThrownBy(main::start)
                .satisfies(e -> {
                    InvalidSettingException bad = findCause(e);
                    assertThat(bad).as("an InvalidSettingException in %s", e).isNotNull();
                    assertThat(bad.getMessage())
                            .contains("linkup.redis.url", "LINKUP_REDIS_URL")
                            .contains("linkup.db.url", "LINKUP_DB_URL")
                            .contains("linkup.jwt.secret", "LINKUP_JWT_SECRET")
                            .contains("linkup.smtp.url", "LINKUP_SMTP_URL")
                            .contains("linkup.push.vapid-keys-file", "LINKUP_PUSH_VAPID_KEYS_FILE")
                            .contains("linkup.gateway.allowed-origins", "LINKUP_GATEWAY_ALLOWED_ORIGINS")
                            .contains("linkup.public-url", "LINKUP_PUBLIC_URL");
                });
    }

    @Test
    void aBadValueStopsStartUpNamingTheKey() {
        Main main = LinkupApplication.create(Map.of("linkup.http.port", "not-a-port"));
        assertThatThrownBy(main::start).satisfies(e -> {
            InvalidSettingException bad = findCause(e);
            assertThat(bad).isNotNull();
            assertThat(bad.key()).isEqualTo("linkup.http.port");
            assertThat(bad.getMessage()).contains("LINKUP_HTTP_PORT").contains("not-a-port");
        });
    }

    private static InvalidSettingException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidSettingException bad) {
                return bad;
            }
        }
        return null;
    }
}
