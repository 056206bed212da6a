package golf.linkup.engine.notifications.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which push endpoints the engine sends to: https, allowed push services, public addresses only. */
class PushEndpointPolicyTest {

    /** A DNS of our own: names → addresses, everything else unknown. */
    private static final Map<String, String> DNS = Map.of(
            "fcm.googleapis.com", "142.250.185.106",
            "updates.push.services.mozilla.com", "34.117.65.55",
            "web.push.apple.com", "17.188.138.71",
            "evil.push.apple.com", "10.0.0.5",
            "v6.push.apple.com", "fd00::1",
            "mapped.push.apple.com", "::ffff:192.168.1.1",
            "linklocal.push.apple.com", "169.254.169.254",
            "127.example.com", "127.0.0.1",
            "127.0.0.1.nip.io", "127.0.0.1",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final PushEndpointPolicy production = PushEndpointPolicy.production(PushEndpointPolicy.MAJOR_PUSH_SERVICES,
            PushEndpointPolicyTest::resolve);
    private final PushEndpointPolicy sandbox = PushEndpointPolicy.sandbox(PushEndpointPolicy.MAJOR_PUSH_SERVICES,
            PushEndpointPolicyTest::resolve);

    @ParameterizedTest(name = "{0}: production {1}, sandbox {2}")
    @CsvSource({
            "https://fcm.googleapis.com/fcm/send/abc, ok, ok",
            "https://updates.push.services.mozilla.com/wpush/v2/abc, ok, ok",
            "https://web.push.apple.com/QGx, ok, ok",
            "http://fcm.googleapis.com/fcm/send/abc, must be https, must be https",
            "http://127.example.com/push, must be https, must be https",
            "https://127.example.com/push, not an allowed push service, not an allowed push service",
            "http://127.0.0.1.nip.io/push, must be https, must be https",
            "https://127.0.0.1.nip.io/push, not an allowed push service, not an allowed push service",
            "https://evil.push.apple.com/x, non-public address (10.0.0.5), non-public address (10.0.0.5)",
            "https://v6.push.apple.com/x, non-public address, non-public address",
            "https://mapped.push.apple.com/x, non-public address, non-public address",
            "https://linklocal.push.apple.com/x, non-public address (169.254.169.254), non-public address",
            "https://nowhere.push.apple.com/x, cannot resolve, cannot resolve",
            "https://user:pw@fcm.googleapis.com/x, no user info, no user info",
            "http://127.0.0.1:3001/sandbox/push/abc, must be https, ok",
            "http://localhost:3001/sandbox/push/abc, must be https, ok",
            "http://[::1]:3001/sandbox/push/abc, must be https, ok",
            "http://10.0.0.5/push, must be https, must be https",
            "ftp://fcm.googleapis.com/x, must be https, must be https",
            "not a url at all, not a URL, not a URL"})
    void endpoints(String endpoint, String inProduction, String inSandbox) {
        expect(production.problem(endpoint), inProduction);
        expect(sandbox.problem(endpoint), inSandbox);
    }

    private static void expect(Optional<String> problem, String expected) {
        if (expected.equals("ok")) {
            assertEquals(Optional.empty(), problem);
        } else {
            assertTrue(problem.isPresent() && problem.get().contains(expected), () -> "expected '" + expected
                    + "', got " + problem);
        }
    }

    @Test
    void theAllowListTakesExactHostsSubdomainsOrAnyHostButNeverPrivateAddresses() {
        var any = PushEndpointPolicy.production(List.of("*"), PushEndpointPolicyTest::resolve);
        assertEquals(Optional.empty(), any.problem("https://fcm.googleapis.com/x"));
        assertTrue(any.problem("https://127.example.com/x").orElseThrow().contains("non-public"));
        var own = PushEndpointPolicy.production(List.of("push.apple.com"), PushEndpointPolicyTest::resolve);
        assertTrue(own.problem("https://web.push.apple.com/x").orElseThrow().contains("not an allowed"),
                "an exact name does not allow its subdomains");
        assertThrows(IllegalArgumentException.class,
                () -> PushEndpointPolicy.production(List.of("https://fcm.googleapis.com"), PushEndpointPolicyTest::resolve));
    }

    @Test
    void aHostIsResolvedAgainOnEveryCheck() {
        AtomicReference<String> answer = new AtomicReference<>("142.250.185.106");
        var policy = PushEndpointPolicy.production(List.of("fcm.googleapis.com"),
                host -> new InetAddress[] {InetAddress.getByName(answer.get())});
        assertEquals(Optional.empty(), policy.problem("https://fcm.googleapis.com/x"));
        answer.set("192.168.0.10"); // rebinding
        assertTrue(policy.problem("https://fcm.googleapis.com/x").orElseThrow().contains("192.168.0.10"));
    }
}
