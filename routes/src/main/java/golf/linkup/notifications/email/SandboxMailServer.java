package golf.linkup.notifications.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox's mail server: GreenMail with SMTP and IMAP on free loopback ports, accepting mail for
 * any address (no authentication) and keeping it in memory. The engine's life cycle starts and
 * stops it (GreenMail registers no JVM shutdown hook, and this class adds none), after the senders
 * that use it have stopped. Not for production.
 */
public final class SandboxMailServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;

    public SandboxMailServer() {
        this.greenMail = new GreenMail(new ServerSetup[] {
                loopback(ServerSetupTest.SMTP).dynamicPort(),
                loopback(ServerSetupTest.IMAP).dynamicPort()});
    }

    private static ServerSetup loopback(ServerSetup setup) {
        return new ServerSetup(setup.getPort(), LOOPBACK, setup.getProtocol());
    }

    /** Starts both servers; returns once they accept connections. */
    public synchronized SandboxMailServer start() {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        return this;
    }

    /** Stops both servers and drops every message. Safe to call twice. */
    public synchronized void stop() {
        if (greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return greenMail.isRunning();
    }

    public String host() {
        return LOOPBACK;
    }

    public int smtpPort() {
        requireRunning();
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        requireRunning();
        return greenMail.getImap().getPort();
    }

    /** The camel-mail endpoint URI for this server: {@code smtp://127.0.0.1:<port>}. */
    public String smtpEndpointUri() {
        return "smtp://" + LOOPBACK + ":" + smtpPort();
    }

    /** Every message received so far, oldest first (one per recipient). */
    public List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Waits until at least {@code count} messages arrived; false on timeout. */
    public boolean awaitMessages(int count, Duration timeout) {
        return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
    }

    private void requireRunning() {
        if (!greenMail.isRunning()) {
            throw new IllegalStateException("the sandbox mail server is not running");
        }
    }
}
