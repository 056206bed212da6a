package golf.linkup.engine.sandbox.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import golf.linkup.engine.notifications.push.VapidKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A signature is checked once per token; everything else about the token on every request. */
class VapidAuthorizationTest {

    private static final String ENDPOINT = "https://push.example.test/sandbox/push/abc";
    private static final Instant T0 = Instant.parse("2026-06-10T16:00:00Z");

    private static String header(VapidKeys keys, Instant expires) {
        return keys.toVapidKeyPair().generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                .resourceURLString(ENDPOINT).expirationTime(expires).subject("mailto:ops@linkup.golf").build());
    }

    @Test
    void aTokenVerifiedBeforeIsStillRefusedOnceExpiredOrForAnotherOrigin() throws Exception {
        VapidKeys keys = VapidKeys.generate();
        String header = header(keys, T0.plus(Duration.ofHours(12)));

        VapidAuthorization.Verified first = VapidAuthorization.verify(header, ENDPOINT, T0);
        assertEquals(keys.publicKeyBase64Url(), first.key());
        assertEquals(first, VapidAuthorization.verify(header, ENDPOINT, T0.plusSeconds(60)), "the same answer again");

        VapidAuthorization.Rejected expired = assertThrows(VapidAuthorization.Rejected.class,
                () -> VapidAuthorization.verify(header, ENDPOINT, T0.plus(Duration.ofHours(13))));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        VapidAuthorization.Rejected elsewhere = assertThrows(VapidAuthorization.Rejected.class,
                () -> VapidAuthorization.verify(header, "https://other.example.test/sandbox/push/abc", T0));
        assertTrue(elsewhere.getMessage().contains("aud"), elsewhere.getMessage());
    }

    @Test
    void aTamperedSignatureIsRefusedEvenAfterTheSameKeysGoodTokenPassed() throws Exception {
        VapidKeys keys = VapidKeys.generate();
        String good = header(keys, T0.plus(Duration.ofHours(12)));
        VapidAuthorization.verify(good, ENDPOINT, T0);

        // the same claims signed by another key, presented with the first key's k
        String other = header(VapidKeys.generate(), T0.plus(Duration.ofHours(12)));
        String otherToken = other.substring(other.indexOf("t=") + 2, other.indexOf(','));
        String goodToken = good.substring(good.indexOf("t=") + 2, good.indexOf(','));
        String forged = good.replace(goodToken, goodToken.substring(0, goodToken.lastIndexOf('.'))
                + otherToken.substring(otherToken.lastIndexOf('.')));

        VapidAuthorization.Rejected rejected = assertThrows(VapidAuthorization.Rejected.class,
                () -> VapidAuthorization.verify(forged, ENDPOINT, T0));
        assertTrue(rejected.getMessage().contains("does not verify"), rejected.getMessage());
    }
}
