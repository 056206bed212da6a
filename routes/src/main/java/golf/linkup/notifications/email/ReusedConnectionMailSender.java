package golf.linkup.notifications.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mail's {@link org.apache.camel.component.mail.JavaMailSender} that keeps one SMTP connection
 * open per sending thread and sends the next message over it, where camel-mail's default sender
 * connects, greets (EHLO, STARTTLS, AUTH), sends and quits for every message.
 *
 * <p>Before a kept connection is used, {@link Transport#isConnected()} asks the server (NOOP): one
 * that the server closed meanwhile (idle time-out, restart) is replaced by a new one. A send that
 * fails closes the connection, and the failure goes to the caller unchanged: nothing is sent again
 * here, so an e-mail still reaches the server at most once per attempt the outbox records.
 *
 * <p>A Camel service ({@code context.addService}): stopping it with the context closes every kept
 * connection.
 */
public final class ReusedConnectionMailSender extends DefaultJavaMailSender implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ReusedConnectionMailSender.class);

    private final ThreadLocal<Transport> kept = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    /**
     * A sender for a camel-mail endpoint's configuration: its host, port, protocol, credentials,
     * connection time-out (also the read time-out) and additional JavaMail properties; or its own
     * {@code javaMailProperties} when it has them.
     */
    public static ReusedConnectionMailSender of(MailConfiguration c) {
        ReusedConnectionMailSender sender = new ReusedConnectionMailSender();
        sender.setHost(c.getHost());
        sender.setPort(c.getPort());
        sender.setProtocol(c.getProtocol());
        sender.setUsername(c.getUsername());
        sender.setPassword(c.getPassword());
        if (c.getSession() != null) {
            sender.setSession(c.getSession());
        }
        Properties p = new Properties();
        if (c.getJavaMailProperties() != null) {
            p.putAll(c.getJavaMailProperties());
        } else {
            String protocol = c.getProtocol();
            p.put("mail.transport.protocol", protocol);
            p.put("mail." + protocol + ".host", c.getHost());
            p.put("mail." + protocol + ".port", Integer.toString(c.getPort()));
            p.put("mail." + protocol + ".connectiontimeout", Long.toString(c.getConnectionTimeout()));
            p.put("mail." + protocol + ".timeout", Long.toString(c.getConnectionTimeout()));
            p.put("mail." + protocol + ".auth", Boolean.toString(c.getUsername() != null));
            // closing a connection after a failure must not wait another time-out for the QUIT reply
            p.put("mail." + protocol + ".quitwait", "false");
            if (c.getAdditionalJavaMailProperties() != null) {
                p.putAll(c.getAdditionalJavaMailProperties());
            }
        }
        sender.setJavaMailProperties(p);
        return sender;
    }

    @Override
    public void start() {
        // connections open on first use
    }

    /** Camel stops its services with the context: every kept connection is closed. */
    @Override
    public void stop() {
        closeAll();
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        Transport transport = connected();
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        // as camel-mail's sender: saveChanges() would replace our Message-ID with a random one
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            drop(transport);
            throw e;
        }
    }

    /** This thread's connection, opened (again) when it has none or the server no longer answers on it. */
    private Transport connected() throws MessagingException {
        Transport transport = kept.get();
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        if (transport != null) {
            drop(transport);
        }
        transport = getTransport(getSession());
        var credentials = getPasswordAuthentication();
        transport.connect(getHost(), getPort(), credentials.getUserName(), credentials.getPassword());
        kept.set(transport);
        open.add(transport);
        return transport;
    }

    private void drop(Transport transport) {
        if (kept.get() == transport) {
            kept.remove();
        }
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing an SMTP connection failed: {}", e.toString());
        }
    }

    /** Closes every kept connection (QUIT); a thread's next send opens a new one. */
    public void closeAll() {
        for (Transport transport : open) {
            drop(transport);
        }
    }
}
