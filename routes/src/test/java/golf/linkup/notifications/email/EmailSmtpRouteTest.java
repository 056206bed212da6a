package golf.linkup.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import jakarta.mail.internet.InternetAddress;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/**
 * The e-mail channel's route on its own: {@link CamelEmailSender} hands each e-mail to the
 * {@value CamelEmailSender#SEND_ROUTE_ID} route, which ends in camel-mail's SMTP endpoint (replaced
 * here by a mock with AdviceWith); the endpoint sends through the connection-keeping sender.
 * {@link CamelEmailSenderTest} covers the same sender against a real SMTP server.
 */
class EmailSmtpRouteTest extends CamelTestSupport {

    private static final String FROM = "LinkUp Golf <notifications@linkup.golf>";
    private static final String SMTP = "smtp://127.0.0.1:2525?connectionTimeout=1000";

    private static Delivery delivery(long id) {
        return new Delivery(id, "n-" + id + ":email", new Recipient("u-1", "Nora York", "nora@example.com", Locale.US,
                ZoneId.of("America/New_York")), NotificationType.SLOT_JOINED, Channel.EMAIL, Priority.NORMAL,
                new RenderedMessage("Someone joined", "Text body", "<p>Html body</p>", Map.of()), 1);
    }

    @Test
    void everyEmailLeavesThroughTheSmtpEndpointOfTheDeliveryRouteWithItsHeadersAndAlternativeText() throws Exception {
        CamelEmailSender sender = new CamelEmailSender(template, SMTP, FROM);
        assertThat(sender.routeId()).isEqualTo(CamelEmailSender.SEND_ROUTE_ID);
        AdviceWith.adviceWith(context, sender.routeId(), route -> route.weaveByToUri("smtp*").replace().to("mock:smtp"));
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(2);
        smtp.expectedHeaderValuesReceivedInAnyOrder("Message-ID", sender.messageId("n-1:email"),
                sender.messageId("n-2:email"));

        DeliveryOutcome first = sender.send(delivery(1));
        DeliveryOutcome second = sender.send(delivery(2));

        smtp.assertIsSatisfied();
        assertThat(first.status()).isEqualTo(DeliveryOutcome.Status.SENT);
        assertThat(second.status()).isEqualTo(DeliveryOutcome.Status.SENT);
        var in = smtp.getReceivedExchanges().get(0).getIn();
        assertThat(in.getHeader("Subject")).isEqualTo("Someone joined");
        assertThat(new InternetAddress(in.getHeader("To", String.class)).getAddress()).isEqualTo("nora@example.com");
        assertThat(in.getHeader(CamelEmailSender.IDEMPOTENCY_HEADER)).isEqualTo("n-1:email");
        assertThat(in.getBody(String.class)).isEqualTo("<p>Html body</p>");
    }

    @Test
    void theSmtpEndpointSendsThroughASenderThatKeepsItsConnectionsOpen() {
        new CamelEmailSender(template, SMTP, FROM);

        MailEndpoint smtp = context.getEndpoint(SMTP, MailEndpoint.class);
        assertThat(smtp.getConfiguration().getJavaMailSender()).isInstanceOf(ReusedConnectionMailSender.class);
        assertThat(context.hasService(ReusedConnectionMailSender.class)).isNotNull();
    }

    @Test
    void aRefusalOnTheRouteComesBackAsTheOutboxOutcomeNotAsARouteError() throws Exception {
        CamelEmailSender sender = new CamelEmailSender(template, SMTP, FROM);
        AdviceWith.adviceWith(context, sender.routeId(), route -> route.weaveByToUri("smtp*").replace()
                .throwException(new SMTPAddressFailedException(new InternetAddress("nora@example.com"), "RCPT TO", 550,
                        "5.1.1 no such user")));

        DeliveryOutcome outcome = sender.send(delivery(3));

        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.FAILED);
        assertThat(outcome.providerResponse()).startsWith("recipient refused: ").contains("no such user");
    }
}
