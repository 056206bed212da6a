package golf.linkup.bench.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The e-mail sink in its own JVM, as the outbox benchmark drives it: a real SMTP client over a socket. */
class RemoteSinkTest {

    /**
     * GreenMail logs a line for every recipient it has not seen: hundreds of them must not fill the
     * pipe the parent reads only for counts and stall the SMTP server in the middle of a message.
     */
    @Test
    void mailServerKeepsReceivingOverOneConnectionForManyNewRecipientsBetweenCounts() throws Exception {
        int messages = 600;
        try (RemoteSink sink = RemoteSink.start("email")) {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sink.port));
            p.put("mail.smtp.connectiontimeout", "5000");
            p.put("mail.smtp.timeout", "5000");
            Session session = Session.getInstance(p);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (int i = 0; i < messages; i++) {
                    MimeMessage m = new MimeMessage(session);
                    m.setFrom(new InternetAddress("notifications@linkup.golf"));
                    m.setRecipient(Message.RecipientType.TO,
                            new InternetAddress("a-golfer-with-a-long-address-" + i + "@members.linkup.golf"));
                    m.setSubject("Tee time " + i);
                    m.setText("Your tee time moved.");
                    m.saveChanges();
                    transport.sendMessage(m, m.getAllRecipients());
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(sink::count, n -> n == messages);
            assertThat(sink.count()).isEqualTo(messages);
        }
    }
}
