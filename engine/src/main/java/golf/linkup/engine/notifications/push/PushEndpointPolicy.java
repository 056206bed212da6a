package golf.linkup.engine.notifications.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Web Push endpoints the engine sends requests to. A subscription's endpoint comes from a
 * browser, that is from a user: without this check a user could make the engine POST to its own
 * network (a server-side request forgery). Checked when a subscription is registered and again
 * before every push, because a host's DNS answer can change in between (DNS rebinding).
 *
 * <p>An endpoint is accepted when:
 * <ul>
 *   <li>it is an absolute {@code https} URL without user info;</li>
 *   <li>its host is on the allow-list ({@code linkup.push.allowed-hosts}: exact host names, or
 *       {@code *.example.com} for any subdomain, or {@code *} for any host), by default the push services
 *       of Chrome/Edge/Android (FCM), Firefox (Mozilla autopush), Safari (Apple) and legacy Edge (WNS);</li>
 *   <li>every address the host resolves to is public: not loopback, private (RFC 1918), link-local,
 *       unique-local (fc00::/7), shared (100.64/10), unspecified, multicast or broadcast.</li>
 * </ul>
 * The sandbox policy also accepts {@code http} or {@code https} to a host that is a loopback address
 * or {@code localhost} and resolves to loopback only: the sandbox's own push service. A host name that
 * merely starts with {@code 127.} ({@code 127.example.com}, {@code 127.0.0.1.nip.io}) is a name like
 * any other.
 *
 * <p>The check resolves the host itself; the JDK HTTP client resolves it again when it connects. That
 * leaves a window of milliseconds for a rebinding host; the allow-list, which names push services whose
 * DNS is not the user's, is what closes it.
 */
public final class PushEndpointPolicy {

    /** The major browsers' push services. */
    public static final List<String> MAJOR_PUSH_SERVICES = List.of(
            "fcm.googleapis.com", "android.googleapis.com", // Chrome, Edge, Opera, Android (Firebase Cloud Messaging)
            "updates.push.services.mozilla.com", // Firefox (autopush)
            "*.push.apple.com", // Safari on macOS and iOS (web.push.apple.com)
            "*.notify.windows.com"); // legacy Edge (Windows Push Notification Services)

    /** Resolves a host name to its addresses (the system resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final List<String> allowedHosts;
    private final Resolver resolver;

    private PushEndpointPolicy(boolean allowLoopback, List<String> allowedHosts, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        this.resolver = resolver;
        for (String host : this.allowedHosts) {
            if (!host.equals("*") && !host.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                throw new IllegalArgumentException("not a host name or *.domain: " + host);
            }
        }
    }

    /** Production: https to the allowed hosts only, and only when they resolve to public addresses. */
    public static PushEndpointPolicy production(List<String> allowedHosts, Resolver resolver) {
        return new PushEndpointPolicy(false, allowedHosts, resolver);
    }

    /** The sandbox: production's rules, plus its own push service on a loopback address. */
    public static PushEndpointPolicy sandbox(List<String> allowedHosts, Resolver resolver) {
        return new PushEndpointPolicy(true, allowedHosts, resolver);
    }

    /** The system resolver. */
    public static Resolver systemResolver() {
        return InetAddress::getAllByName;
    }

    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** Why the engine must not send to {@code endpoint}; empty when it may. */
    public Optional<String> problem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return Optional.of("the push endpoint is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.getRawUserInfo() != null) {
            return Optional.of("the push endpoint must be an absolute https URL with a host and no user info");
        }
        if (allowLoopback && isLoopbackName(host)) {
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return Optional.of("the push endpoint must be an http(s) URL");
            }
            return resolved(host).flatMap(addresses -> {
                for (InetAddress address : addresses) {
                    if (!address.isLoopbackAddress()) {
                        return Optional.of(Optional.of("host " + host + " resolves to " + address.getHostAddress()
                                + ", not to loopback"));
                    }
                }
                return Optional.of(Optional.<String>empty());
            }).orElseGet(() -> Optional.of("cannot resolve host " + host));
        }
        if (!scheme.equals("https")) {
            return Optional.of("a push endpoint must be https");
        }
        if (!allowed(host)) {
            return Optional.of("host " + host + " is not an allowed push service (linkup.push.allowed-hosts)");
        }
        Optional<InetAddress[]> addresses = resolved(host);
        if (addresses.isEmpty()) {
            return Optional.of("cannot resolve host " + host);
        }
        for (InetAddress address : addresses.get()) {
            if (!isPublic(address)) {
                return Optional.of("host " + host + " resolves to a non-public address (" + address.getHostAddress()
                        + "): loopback, private, link-local and unique-local addresses are refused");
            }
        }
        return Optional.empty();
    }

    private Optional<InetAddress[]> resolved(String host) {
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return Optional.of(new InetAddress[] {literal.get()});
        }
        try {
            InetAddress[] addresses = resolver.resolve(host);
            return addresses == null || addresses.length == 0 ? Optional.empty() : Optional.of(addresses);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private boolean allowed(String host) {
        for (String entry : allowedHosts) {
            if (entry.equals("*") || entry.equals(host)
                    || entry.startsWith("*.") && host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1) {
                return true;
            }
        }
        return false;
    }

    /** {@code localhost}, or a loopback IPv4/IPv6 literal (not a name that merely looks like one). */
    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The address of an IPv4 or IPv6 ({@code [..]}) literal, parsed without a DNS look-up. */
    private static Optional<InetAddress> literal(String host) {
        String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}") || text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True for a globally routable unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // shared address space (RFC 6598)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0); // deprecated site-local fec0::/10
        }
        return false;
    }
}
