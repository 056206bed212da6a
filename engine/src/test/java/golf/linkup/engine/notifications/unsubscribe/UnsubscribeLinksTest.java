package golf.linkup.engine.notifications.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.notifications.NotificationType;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed one-click unsubscribe links: only for non-transactional e-mails, and only the engine can make one. */
class UnsubscribeLinksTest {

    private static final String SECRET = "a-production-secret-that-is-long-enough-0123";
    private final UnsubscribeLinks links = new UnsubscribeLinks(() -> URI.create("https://rt.linkup.golf/"), SECRET);

    private static String token(URI link) {
        return java.net.URLDecoder.decode(link.getRawQuery().substring("token=".length()),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aLinkNamesItsUserAndTypeAndVerifies() {
        URI link = links.linkFor("user-0042", NotificationType.WEEKLY_DIGEST).orElseThrow();

        assertEquals("https", link.getScheme());
        assertEquals("rt.linkup.golf", link.getHost());
        assertEquals("/unsubscribe", link.getPath());
        assertEquals(Optional.of(new UnsubscribeLinks.Target("user-0042", NotificationType.WEEKLY_DIGEST)),
                links.verify(token(link)));
    }

    @Test
    void transactionalEmailsHaveNoLink() {
        for (NotificationType type : NotificationType.values()) {
            assertEquals(!type.transactional(), links.linkFor("u", type).isPresent(), type.key());
        }
    }

    @Test
    void aChangedOrForeignTokenDoesNotVerify() {
        String token = token(links.linkFor("user-0042", NotificationType.NEW_TEE_TIME).orElseThrow());
        String otherUser = token(links.linkFor("user-0043", NotificationType.NEW_TEE_TIME).orElseThrow());
        String forged = otherUser.substring(0, otherUser.indexOf('.')) + token.substring(token.indexOf('.'));

        assertEquals(Optional.empty(), links.verify(forged), "another user's payload with this signature");
        assertEquals(Optional.empty(), links.verify(token + "x"));
        assertEquals(Optional.empty(), links.verify("garbage"));
        assertEquals(Optional.empty(), links.verify(null));
        var otherEngine = new UnsubscribeLinks(() -> URI.create("https://rt.linkup.golf"), SECRET + "-rotated");
        assertEquals(Optional.empty(), otherEngine.verify(token), "signed with another secret");
        assertTrue(links.verify(token).isPresent());
    }
}
