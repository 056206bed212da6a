package golf.linkup.notifications.email;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailBinding;
import org.apache.camel.component.mail.MailEndpoint;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Captures the SMTP server's reply to a message ("250 2.0.0 Ok: queued as 4F3A2"), which camel-mail
 * does not expose: a {@link MailBinding} that, for each message, makes the session use the
 * recording transports below and leaves the {@link MimeMessage} on the exchange; the transport
 * writes the server's last reply into a header of that (already sent) message.
 */
final class SmtpResponses {

    /** Written on the sent MimeMessage after the server accepted it; never transmitted. */
    static final String RESPONSE_HEADER = "X-LinkUp-Smtp-Response";

    /** Exchange property with the MimeMessage camel-mail built and sent. */
    static final String MIME_MESSAGE_PROPERTY = "LinkUpMimeMessage";

    private SmtpResponses() {
    }

    /** Uses the recording binding on a camel-mail endpoint (before its producer is created). */
    static void install(MailEndpoint endpoint) {
        var c = endpoint.getConfiguration();
        endpoint.setBinding(new RecordingBinding(endpoint, c.isDecodeFilename(), c.isMapMailMessage(),
                c.isFailOnDuplicateFileAttachment(), c.getGenerateMissingAttachmentNames(),
                c.getHandleDuplicateAttachmentNames()));
    }

    /** The server's reply recorded on the exchange's message, or null. */
    static String of(Exchange exchange) {
        try {
            MimeMessage sent = exchange.getProperty(MIME_MESSAGE_PROPERTY, MimeMessage.class);
            return sent == null ? null : sent.getHeader(RESPONSE_HEADER, null);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static void record(Message message, String response) throws MessagingException {
        if (response != null) {
            message.setHeader(RESPONSE_HEADER, response.strip());
        }
    }

    static final class RecordingBinding extends MailBinding {

        RecordingBinding(MailEndpoint endpoint, boolean decodeFilename, boolean mapMailMessage,
                boolean failOnDuplicateAttachment, String generateMissingAttachmentNames,
                String handleDuplicateAttachmentNames) {
            super(endpoint.getHeaderFilterStrategy(), endpoint.getContentTypeResolver(), decodeFilename,
                    mapMailMessage, failOnDuplicateAttachment, generateMissingAttachmentNames,
                    handleDuplicateAttachmentNames);
        }

        @Override
        public void populateMailMessage(MailEndpoint endpoint, MimeMessage mimeMessage, Exchange exchange)
                throws MessagingException, IOException {
            super.populateMailMessage(endpoint, mimeMessage, exchange);
            Session session = mimeMessage.getSession();
            if (session != null) {
                useRecordingTransports(session);
            }
            exchange.setProperty(MIME_MESSAGE_PROPERTY, mimeMessage);
        }

        private static void useRecordingTransports(Session session) throws NoSuchProviderException {
            session.setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", Smtp.class.getName(), "LinkUp", "1"));
            session.setProvider(new Provider(Provider.Type.TRANSPORT, "smtps", Smtps.class.getName(), "LinkUp", "1"));
        }
    }

    /** Angus SMTP transport that records the server's reply to each accepted message. */
    public static final class Smtp extends SMTPTransport {

        public Smtp(Session session, URLName url) {
            super(session, url);
        }

        @Override
        public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
            super.sendMessage(message, addresses);
            record(message, getLastServerResponse());
        }
    }

    /** The same over implicit TLS ({@code smtps://}). */
    public static final class Smtps extends SMTPSSLTransport {

        public Smtps(Session session, URLName url) {
            super(session, url);
        }

        @Override
        public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
            super.sendMessage(message, addresses);
            record(message, getLastServerResponse());
        }
    }
}
