package golf.linkup.notifications.email;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.engine.notifications.unsubscribe.UnsubscribeLinks;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailEndpoint;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail channel: sends a rendered notification through the {@value #SEND_ROUTE_ID} route, which
 * ends in a camel-mail SMTP endpoint (its connections kept open and reused per delivery thread by
 * {@link ReusedConnectionMailSender}; the constructor adds the route), as
 * multipart/alternative (text/plain from {@code body}, text/html from {@code html}; text only when
 * there is no HTML), subject {@code title}, to the recipient's address.
 *
 * <p>Every message carries {@value #IDEMPOTENCY_HEADER} with the delivery's idempotency key and a
 * {@code Message-ID} derived from it, so a retried delivery is recognisably the same message.
 *
 * <p>E-mails that are not {@linkplain golf.linkup.engine.notifications.NotificationType#transactional()
 * transactional} carry {@code List-Unsubscribe: <https://…/unsubscribe?token=…>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058): the mail client's unsubscribe
 * button turns that type's e-mail off for the recipient. (RFC 8058 also asks for a DKIM signature that
 * covers both headers: the SMTP relay signs.)
 *
 * <p>Outcomes: SENT with the server's reply ("250 …"); SKIPPED when the recipient has no address;
 * FAILED for an invalid address or a permanent (5xx) refusal; RETRY for connection failures,
 * timeouts, 4xx replies and authentication failures (a configuration problem, not the message's).
 * Never throws.
 */
public final class CamelEmailSender implements ChannelSender {

    public static final String IDEMPOTENCY_HEADER = "X-LinkUp-Idempotency-Key";
    public static final String TYPE_HEADER = "X-LinkUp-Notification-Type";

    /** The route that ends in camel-mail's SMTP endpoint; every e-mail goes through it. */
    public static final String SEND_ROUTE_ID = "deliver-email-smtp";

    private static final Logger LOG = LoggerFactory.getLogger(CamelEmailSender.class);

    /** Authentication replies: 5xx, but the server's configuration is at fault, not the message. */
    private static final Set<Integer> RETRYABLE_5XX = Set.of(530, 534, 535, 538);

    private final ProducerTemplate producer;
    private final Endpoint endpoint;
    private final String routeId;
    private final String alternativeBodyHeader;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final UnsubscribeLinks unsubscribeLinks;

    /**
     * @param producer    a started Camel context's producer template
     * @param endpointUri {@code smtp://host:port} or {@code smtps://host:port}, with any camel-mail
     *                    options ({@code username}, {@code password}, {@code connectionTimeout}, …)
     * @param from        the sender, e.g. {@code LinkUp Golf <notifications@linkup.golf>}
     * @throws IllegalArgumentException for another scheme or an invalid {@code from}
     */
    public CamelEmailSender(ProducerTemplate producer, String endpointUri, String from) {
        this(producer, endpointUri, from, null);
    }

    /** @param unsubscribeLinks the one-click unsubscribe links of non-transactional e-mails (null: none) */
    public CamelEmailSender(ProducerTemplate producer, String endpointUri, String from, UnsubscribeLinks unsubscribeLinks) {
        this.unsubscribeLinks = unsubscribeLinks;
        this.producer = Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(endpointUri, "endpointUri");
        String scheme = URI.create(endpointUri).getScheme();
        if (!"smtp".equalsIgnoreCase(scheme) && !"smtps".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("e-mail endpoint must be smtp://host:port or smtps://host:port, not "
                    + endpointUri.replaceAll("password=[^&]*", "password=…"));
        }
        try {
            this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
            this.from.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid sender address '" + from + "': " + e.getMessage(), e);
        }
        this.messageIdDomain = this.from.getAddress().substring(this.from.getAddress().indexOf('@') + 1);
        CamelContext context = producer.getCamelContext();
        Endpoint smtp = context.getEndpoint(endpointUri);
        if (smtp instanceof MailEndpoint mail) {
            SmtpResponses.install(mail);
            if (mail.getConfiguration().getJavaMailSender() == null) {
                ReusedConnectionMailSender connections = ReusedConnectionMailSender.of(mail.getConfiguration());
                mail.getConfiguration().setJavaMailSender(connections);
                try {
                    context.addService(connections, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the SMTP connections with Camel", e);
                }
            }
            this.alternativeBodyHeader = mail.getConfiguration().getAlternativeBodyHeader();
        } else {
            this.alternativeBodyHeader = MailConstants.MAIL_ALTERNATIVE_BODY;
        }
        // one route per sender: the engine has one ({@value #SEND_ROUTE_ID}); tests may make several
        String routeId = SEND_ROUTE_ID;
        for (int n = 2; context.getRoute(routeId) != null; n++) {
            routeId = SEND_ROUTE_ID + "-" + n;
        }
        String sendUri = "direct:" + routeId;
        this.routeId = routeId;
        this.endpoint = context.getEndpoint(sendUri);
        try {
            String id = routeId;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // errors go back to the caller as they are: classify() decides retry or dead letter
                    from(sendUri).routeId(id).errorHandler(noErrorHandler())
                            .routeDescription("a rendered e-mail → the SMTP relay (connections kept open)")
                            .to(smtp);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the " + routeId + " route", e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** The id of this sender's route to the SMTP endpoint. */
    public String routeId() {
        return routeId;
    }

    @Override
    public DeliveryOutcome send(Delivery delivery) {
        try {
            DeliveryOutcome outcome = deliver(delivery);
            LOG.debug("E-mail for outbox {} ({}): {} {}", delivery.outboxId(), delivery.type(), outcome.status(),
                    outcome.providerResponse());
            return outcome;
        } catch (Exception | LinkageError e) {
            LOG.warn("E-mail for outbox {} failed unexpectedly", delivery == null ? null : delivery.outboxId(), e);
            return DeliveryOutcome.retry("unexpected: " + e, null);
        }
    }

    private DeliveryOutcome deliver(Delivery delivery) {
        String address = delivery.recipient() == null ? null : delivery.recipient().email();
        if (address == null || address.isBlank()) {
            return DeliveryOutcome.skipped("recipient has no e-mail address");
        }
        InternetAddress to;
        try {
            to = new InternetAddress(address.strip(), true);
            to.validate();
        } catch (AddressException e) {
            return DeliveryOutcome.failed("invalid e-mail address: " + e.getMessage());
        }
        RenderedMessage message = delivery.message();
        if (message == null || message.title() == null || message.title().isBlank()
                || message.body() == null || message.body().isBlank()) {
            return DeliveryOutcome.failed("nothing to send: the rendered message has no subject or text");
        }
        String messageId = messageId(delivery.idempotencyKey());
        Optional<URI> unsubscribe = unsubscribeLinks == null ? Optional.empty()
                : unsubscribeLinks.linkFor(delivery.recipient().userId(), delivery.type());
        Exchange result = producer.send(endpoint, exchange -> {
            var in = exchange.getIn();
            in.setHeader("Subject", message.title());
            in.setHeader("From", from.toString());
            in.setHeader("To", withName(to, delivery.recipient().name()));
            in.setHeader("Message-ID", messageId);
            in.setHeader(IDEMPOTENCY_HEADER, delivery.idempotencyKey());
            if (delivery.type() != null) {
                in.setHeader(TYPE_HEADER, delivery.type().key());
            }
            unsubscribe.ifPresent(link -> {
                in.setHeader("List-Unsubscribe", "<" + link + ">");
                in.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            });
            if (message.html() != null && !message.html().isBlank()) {
                in.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
                in.setHeader(alternativeBodyHeader, message.body());
                in.setBody(message.html());
            } else {
                in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
                in.setBody(message.body());
            }
        });
        if (result.getException() != null) {
            return classify(result.getException());
        }
        String reply = SmtpResponses.of(result);
        return DeliveryOutcome.sent((reply != null ? reply : "accepted") + " (Message-ID " + messageId + ")");
    }

    /** A display name without the characters camel-mail would split recipients on. */
    private static String withName(InternetAddress to, String name) {
        if (name == null || name.isBlank()) {
            return to.getAddress();
        }
        try {
            return new InternetAddress(to.getAddress(), name.replaceAll("[,;\"<>\\\\]", " ").strip(),
                    StandardCharsets.UTF_8.name()).toString();
        } catch (UnsupportedEncodingException e) {
            return to.getAddress();
        }
    }

    /** {@code <key@domain>} for simple keys, else {@code <sha256-prefix@domain>}: stable per delivery. */
    String messageId(String idempotencyKey) {
        String key = idempotencyKey == null ? "" : idempotencyKey;
        String local = key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*") && key.length() <= 64 ? key : sha256(key).substring(0, 32);
        return "<" + local + "@" + messageIdDomain + ">";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a failure means for the outbox: FAILED only when the same message can never succeed. */
    static DeliveryOutcome classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) { // the server's own verdict first
            if (t instanceof SMTPAddressFailedException e) {
                return byCode(e.getReturnCode(), "recipient refused: " + strip(e.getMessage()));
            }
            if (t instanceof SMTPSenderFailedException e) {
                return byCode(e.getReturnCode(), "sender refused: " + strip(e.getMessage()));
            }
            if (t instanceof SMTPSendFailedException e) {
                return byCode(e.getReturnCode(), "message refused: " + strip(e.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AddressException e) {
                return DeliveryOutcome.failed("invalid e-mail address: " + e.getMessage());
            }
            if (t instanceof MailConnectException e) {
                return DeliveryOutcome.retry("cannot connect to " + e.getHost() + ":" + e.getPort() + ": "
                        + describe(chain.get(chain.size() - 1)), null);
            }
            if (t instanceof AuthenticationFailedException e) {
                return DeliveryOutcome.retry("SMTP authentication failed: " + strip(e.getMessage()), null);
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return DeliveryOutcome.retry("connection failed: " + describe(t), null);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SendFailedException e && e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
                    && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0)) {
                return DeliveryOutcome.failed("invalid address: " + strip(e.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException) {
                return DeliveryOutcome.retry("I/O failure: " + describe(t), null);
            }
        }
        return DeliveryOutcome.retry(describe(failure), null);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 12 && !chain.contains(t); t = next(t)) {
            chain.add(t);
        }
        return chain;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + strip(t.getMessage()));
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static DeliveryOutcome byCode(int code, String response) {
        if (code >= 500 && code < 600 && !RETRYABLE_5XX.contains(code)) {
            return DeliveryOutcome.failed(response);
        }
        return DeliveryOutcome.retry(response, null);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause();
    }
}
