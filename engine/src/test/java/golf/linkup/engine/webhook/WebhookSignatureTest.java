package golf.linkup.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private final WebhookSignature signature = new WebhookSignature("0123456789abcdef0123456789abcdef");
    private final byte[] body = "{\"id\":\"1-0\",\"type\":\"user.connected\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHeaderIsTimeAndHexHmacOfTimeDotBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                ("1796666400." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=1796666400,v1=" + expected, signature.sign(1796666400L, body));
    }

    @Test
    void verifiesItsOwnAndRefusesTamperedOldOrForeignSignatures() {
        String header = signature.sign(1000, body);
        assertTrue(signature.verify(header, body, 1010, 300));
        assertFalse(signature.verify(header, "{}".getBytes(StandardCharsets.UTF_8), 1010, 300), "other body");
        assertFalse(signature.verify(header, body, 1400, 300), "too old");
        assertFalse(signature.verify(header.replace("t=1000", "t=1001"), body, 1010, 300), "other time");
        assertFalse(new WebhookSignature("another-secret-of-some-length").verify(header, body, 1010, 300));
        assertFalse(signature.verify("v1=zz", body, 1010, 300));
        assertFalse(signature.verify(null, body, 1010, 300));
    }

    @Test
    void theEventIsTheEntryWithItsIdFirst() {
        WebhookEvent event = WebhookEvent.of("1796666400120-0", Map.of("durationMs", "5", "type", "user.disconnected",
                "at", "2026-12-07T18:30:00.500Z", "userId", "u-42", "reason", "closed", "connectedAtMs", "1"));
        assertEquals("{\"id\":\"1796666400120-0\",\"type\":\"user.disconnected\",\"userId\":\"u-42\","
                + "\"at\":\"2026-12-07T18:30:00.500Z\",\"connectedAtMs\":\"1\",\"durationMs\":\"5\",\"reason\":\"closed\"}",
                event.text());
        assertEquals("user.disconnected", event.type());
        assertEquals("1796666400120-0", event.id());
    }
}
