package golf.linkup.notifications.email;

import golf.linkup.engine.admin.inspector.CapturedMail;
import golf.linkup.engine.admin.inspector.MailCapture;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MailCapture} over the sandbox's GreenMail: each received message with its idempotency and
 * type headers and its text and HTML parts (multipart/alternative as {@link CamelEmailSender} sends).
 * A message that cannot be read is shown with the reason in place of its text.
 */
public final class SandboxMailCapture implements MailCapture {

    private final SandboxMailServer server;

    public SandboxMailCapture(SandboxMailServer server) {
        this.server = server;
    }

    @Override
    public List<CapturedMail> received() {
        if (!server.isRunning()) {
            return List.of();
        }
        List<CapturedMail> out = new ArrayList<>();
        for (MimeMessage m : server.receivedMessages()) {
            out.add(capture(m));
        }
        return out;
    }

    static CapturedMail capture(MimeMessage m) {
        try {
            String[] body = new String[2];
            collect(m, body);
            Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                    : m.getSentDate() != null ? m.getSentDate().toInstant() : null;
            return new CapturedMail(m.getAllRecipients() == null ? "" : m.getAllRecipients()[0].toString(),
                    m.getFrom() == null ? "" : m.getFrom()[0].toString(), m.getSubject(),
                    header(m, CamelEmailSender.IDEMPOTENCY_HEADER), header(m, CamelEmailSender.TYPE_HEADER),
                    body[0], body[1], received);
        } catch (MessagingException | IOException e) {
            return new CapturedMail("", "", "(unreadable message)", null, null, e.toString(), null, null);
        }
    }

    /** Fills {@code body[0]} with the first text/plain part and {@code body[1]} with the first text/html part. */
    private static void collect(Part part, String[] body) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && body[0] == null) {
            body[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && body[1] == null) {
            body[1] = String.valueOf(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                collect(p, body);
            }
        }
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
