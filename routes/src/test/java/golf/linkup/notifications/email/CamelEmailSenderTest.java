package golf.linkup.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.engine.notifications.templates.MustacheTemplateRenderer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The e-mail channel against a real SMTP server (GreenMail) through a real Camel context. */
class CamelEmailSenderTest {

    private static final String FROM = "LinkUp Golf <notifications@linkup.golf>";
    /** The repository's templates/, from the routes module's working directory. */
    private static final Path TEMPLATES = Path.of("..", "templates");

    private static SandboxMailServer mail;
    private static CamelContext camel;
    private static ProducerTemplate producer;
    private static CamelEmailSender sender;
    private static MustacheTemplateRenderer renderer;

    @BeforeAll
    static void start() {
        mail = new SandboxMailServer().start();
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
        sender = new CamelEmailSender(producer, mail.smtpEndpointUri() + "?connectionTimeout=3000", FROM);
        renderer = new MustacheTemplateRenderer(TEMPLATES);
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aSpanishRecipientGetsTheSpanishEmailWithTextAndHtmlParts() throws Exception {
        Recipient lucia = new Recipient("user-0005", "Lucía Fernández", "lucia.fernandez@example.com",
                Locale.forLanguageTag("es-ES"), ZoneId.of("Europe/Madrid"));
        RenderedMessage rendered = renderer.renderFor(lucia, NotificationType.TEE_TIME_CANCELLED, Channel.EMAIL,
                cancelledModel());
        Delivery delivery = delivery(41, "outbox-41-email", lucia, NotificationType.TEE_TIME_CANCELLED, rendered);

        DeliveryOutcome outcome = sender.send(delivery);

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.SENT);
        assertThat(outcome.providerResponse()).startsWith("250").contains("<outbox-41-email@linkup.golf>");
        MimeMessage received = receivedBy("lucia.fernandez@example.com");
        assertThat(received.getSubject()).isEqualTo("Cancelada: tu salida en Bethpage Black, sáb 7:30");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("notifications@linkup.golf");
        assertThat(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Lucía Fernández");
        assertThat(received.getHeader(CamelEmailSender.IDEMPOTENCY_HEADER, null)).isEqualTo("outbox-41-email");
        assertThat(received.getMessageID()).isEqualTo("<outbox-41-email@linkup.golf>");
        assertThat(received.getHeader(CamelEmailSender.TYPE_HEADER, null)).isEqualTo("tee_time_cancelled");
        assertThat(received.getHeader(SmtpResponses.RESPONSE_HEADER)).as("recorded after sending, never sent").isNull();
        assertThat(received.getHeader("CamelMailAlternativeBody")).isNull();

        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat((String) parts.getBodyPart(0).getContent())
                .startsWith("Hola, Lucía:")
                .contains("sábado, 14 de marzo de 2026 a las 7:30 (EDT)")
                .contains("Mensaje del organizador: «Heladas: campo cerrado & green <helado>»")
                .doesNotContain("<html");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<html lang=\"es\">")
                .contains("Heladas: campo cerrado &amp; green &lt;helado&gt;");
    }

    @Test
    void anEnglishRecipientGetsTheEnglishSubject() throws Exception {
        Recipient daniel = new Recipient("user-0001", "Daniel Brooks", "daniel.brooks@example.com", Locale.US,
                ZoneId.of("America/New_York"));
        RenderedMessage rendered = renderer.renderFor(daniel, NotificationType.TEE_TIME_CANCELLED, Channel.EMAIL,
                cancelledModel());

        assertThat(sender.send(delivery(42, "outbox-42-email", daniel, NotificationType.TEE_TIME_CANCELLED, rendered))
                .status()).isEqualTo(DeliveryOutcome.Status.SENT);

        MimeMessage received = receivedBy("daniel.brooks@example.com");
        assertThat(received.getSubject()).isEqualTo("Cancelled: your tee time at Bethpage Black, Sat 7:30 AM");
        assertThat(((MimeMultipart) received.getContent()).getBodyPart(0).getContent().toString()).startsWith("Hi Daniel,");
    }

    @Test
    void aMessageWithoutHtmlIsSentAsPlainText() throws Exception {
        Recipient priya = new Recipient("user-0002", "Priya Raman", "priya.raman@example.com", Locale.ENGLISH,
                ZoneId.of("America/New_York"));
        RenderedMessage plain = new RenderedMessage("Plain subject", "Just text, é included.", null, Map.of());

        assertThat(sender.send(delivery(43, "outbox-43-email", priya, NotificationType.SYSTEM_ANNOUNCEMENT, plain)).status())
                .isEqualTo(DeliveryOutcome.Status.SENT);

        MimeMessage received = receivedBy("priya.raman@example.com");
        assertThat(received.getContentType()).startsWith("text/plain");
        assertThat(received.getContent().toString().strip()).isEqualTo("Just text, é included.");
    }

    @Test
    void smtpDownOrAClosedPortIsRetry() throws IOException {
        SandboxMailServer stopped = new SandboxMailServer().start();
        String uri = stopped.smtpEndpointUri() + "?connectionTimeout=2000";
        stopped.stop();
        CamelEmailSender toStopped = new CamelEmailSender(producer, uri, FROM);
        CamelEmailSender toClosedPort = new CamelEmailSender(producer, "smtp://127.0.0.1:" + closedPort()
                + "?connectionTimeout=2000", FROM);
        Delivery delivery = delivery(44, "outbox-44-email", recipient("someone@example.com"),
                NotificationType.REMINDER_24H, new RenderedMessage("Subject", "Text", "<p>Html</p>", Map.of()));

        for (CamelEmailSender down : List.of(toStopped, toClosedPort)) {
            DeliveryOutcome outcome = down.send(delivery);
            assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
            assertThat(outcome.providerResponse()).startsWith("cannot connect to 127.0.0.1:");
        }
    }

    @Test
    void noAddressIsSkippedAndABadAddressFails() {
        RenderedMessage message = new RenderedMessage("Subject", "Text", null, Map.of());
        int before = mail.receivedMessages().size();

        assertThat(sender.send(delivery(45, "k45", recipient(null), NotificationType.WEEKLY_DIGEST, message)))
                .isEqualTo(DeliveryOutcome.skipped("recipient has no e-mail address"));
        assertThat(sender.send(delivery(46, "k46", recipient("  "), NotificationType.WEEKLY_DIGEST, message)).status())
                .isEqualTo(DeliveryOutcome.Status.SKIPPED);
        DeliveryOutcome invalid = sender.send(delivery(47, "k47", recipient("not an address"), NotificationType.WEEKLY_DIGEST,
                message));
        assertThat(invalid.status()).isEqualTo(DeliveryOutcome.Status.FAILED);
        assertThat(invalid.providerResponse()).startsWith("invalid e-mail address");
        assertThat(sender.send(delivery(48, "k48", null, NotificationType.WEEKLY_DIGEST, message)).status())
                .isEqualTo(DeliveryOutcome.Status.SKIPPED);
        assertThat(mail.receivedMessages()).hasSize(before);
    }

    @Test
    void smtpRepliesDecideBetweenRetryAndFailed() throws Exception {
        InternetAddress rcpt = new InternetAddress("gone@example.com");
        assertThat(CamelEmailSender.classify(new MessagingException("send failed",
                new SMTPAddressFailedException(rcpt, "RCPT TO:<gone@example.com>", 550, "550 5.1.1 No such user"))))
                .isEqualTo(DeliveryOutcome.failed("recipient refused: 550 5.1.1 No such user"));
        assertThat(CamelEmailSender.classify(new SMTPAddressFailedException(rcpt, "RCPT", 450, "450 4.2.1 Mailbox busy"))
                .status()).isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(CamelEmailSender.classify(new SMTPSendFailedException("DATA", 452, "452 4.3.1 Insufficient storage",
                null, null, null, null)).status()).isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(CamelEmailSender.classify(new SMTPSendFailedException(".", 554, "554 5.7.1 Message rejected as spam",
                null, null, null, null)).status()).isEqualTo(DeliveryOutcome.Status.FAILED);
        assertThat(CamelEmailSender.classify(new SMTPSendFailedException("MAIL FROM", 530, "530 5.7.0 Authentication required",
                null, null, null, null)).status()).as("server configuration, not the message").isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(CamelEmailSender.classify(new RuntimeException(new MailConnectException(
                new SocketConnectException("refused", new java.net.ConnectException("Connection refused"), "smtp.example.com", 587, 5000))))
                .providerResponse()).startsWith("cannot connect to smtp.example.com:587");
        assertThat(CamelEmailSender.classify(new IllegalStateException("something odd")).status())
                .isEqualTo(DeliveryOutcome.Status.RETRY);
    }

    @Test
    void messageIdIsStablePerIdempotencyKey() {
        assertThat(sender.messageId("outbox-41-email")).isEqualTo("<outbox-41-email@linkup.golf>");
        assertThat(sender.messageId("user 1/tee time:2")).isEqualTo(sender.messageId("user 1/tee time:2"))
                .matches("<[0-9a-f]{32}@linkup\\.golf>");
        assertThatThrownBy(() -> new CamelEmailSender(producer, "http://127.0.0.1:25", FROM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smtp://host:port");
        assertThatThrownBy(() -> new CamelEmailSender(producer, mail.smtpEndpointUri(), "not a sender"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid sender address");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> cancelledModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("teeTimeId", "tt-0001");
        model.put("courseName", "Bethpage Black Course");
        model.put("courseCity", "Farmingdale");
        model.put("startsAt", LocalDateTime.parse("2026-03-14T07:30").atZone(ZoneId.of("America/New_York")).toInstant());
        model.put("courseTimeZone", "America/New_York");
        model.put("hostId", "user-0003");
        model.put("hostName", "Marcus Chen");
        model.put("reason", "Heladas: campo cerrado & green <helado>");
        return model;
    }

    private static Delivery delivery(long id, String key, Recipient recipient, NotificationType type, RenderedMessage message) {
        return new Delivery(id, key, recipient, type, Channel.EMAIL, Priority.NORMAL, message, 1);
    }

    private static Recipient recipient(String email) {
        return new Recipient("user-0100", "Sam Player", email, Locale.ENGLISH, ZoneId.of("UTC"));
    }

    private static MimeMessage receivedBy(String address) throws MessagingException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : mail.receivedMessages()) {
                if (((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address)) {
                    return m;
                }
            }
            mail.awaitMessages(mail.receivedMessages().size() + 1, Duration.ofMillis(200));
        }
        throw new AssertionError("no message for " + address + " in " + mail.receivedMessages().size() + " received");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
