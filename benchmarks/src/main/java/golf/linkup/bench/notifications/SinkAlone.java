package golf.linkup.bench.notifications;

import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.notifications.push.P256;
import golf.linkup.engine.notifications.push.PushMessageEncryption;
import golf.linkup.engine.notifications.push.VapidKeys;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The yardstick alone: how many messages per second the benchmark's sink in its own JVM
 * ({@link RemoteSink}) takes when nothing else is measured, and its CPU per message, so that a
 * sender figure can be checked against it (a sender cannot be shown faster than its sink).
 *
 * <p>{@code --channel push}: {@code --messages} pushes, encrypted and signed before the clock starts,
 * POSTed with {@code --in-flight} requests at once over the JDK HTTP client to the sandbox push
 * service, which verifies the VAPID header and decrypts each. {@code --channel email}: as many
 * e-mails (the outbox tool's size: a 2.5 kB HTML part and a text part, a new recipient each) over
 * {@code --connections} SMTP connections kept open, to GreenMail. Each part runs twice: a warm-up,
 * then the measured run.
 *
 * <pre>java -cp 'benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*' \
 *   golf.linkup.bench.notifications.SinkAlone --channel push --messages 4000 --in-flight 64</pre>
 */
public final class SinkAlone {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String channel = o.getOrDefault("channel", "push");
        int messages = Integer.parseInt(o.getOrDefault("messages", "4000"));
        System.out.printf("sink alone: %s, %,d messages (+ as many warm-up); load average %s%n", channel, messages,
                OutboxThroughput.loadAverage());
        switch (channel) {
            case "push" -> push(messages, Integer.parseInt(o.getOrDefault("in-flight", "64")));
            case "email" -> email(messages, Integer.parseInt(o.getOrDefault("connections", "8")));
            default -> throw new IllegalArgumentException("--channel push|email");
        }
    }

    static void push(int messages, int inFlight) throws Exception {
        VapidKeys vapid = VapidKeys.generate();
        int subscriptions = 300;
        try (RemoteSink sink = RemoteSink.start("push", vapid.publicKeyBase64Url(), Integer.toString(subscriptions))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String authorization = vapid.toVapidKeyPair().generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                    .resourceURLString(sink.subscriptions.get(0).endpoint())
                    .expirationTime(Instant.now().plus(Duration.ofHours(12))).subject("mailto:bench@linkup.golf").build());
            for (String phase : List.of("warm-up", "measured")) {
                List<HttpRequest> requests = new ArrayList<>(messages);
                byte[] payload = ("{\"title\":\"New tee time at Bethpage Black on Sat 14 Jun, 08:10\",\"body\":\"Ada Host"
                        + " (Acme Capital) is hosting a FINANCE round at Bethpage Black, Farmingdale on Saturday 14 June"
                        + " at 08:10. 2 of 4 slots are open.\",\"data\":{\"action\":\"open_tee_time\",\"teeTimeId\":"
                        + "\"tt-1\"},\"type\":\"new_tee_time\",\"id\":\"k\"}").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < messages; i++) {
                    WebPushSubscription s = sink.subscriptions.get(i % subscriptions);
                    byte[] body = PushMessageEncryption.encrypt(payload, P256.fromBase64Url(s.p256dh()),
                            P256.fromBase64Url(s.auth()));
                    requests.add(HttpRequest.newBuilder(URI.create(s.endpoint())).timeout(Duration.ofSeconds(30))
                            .header("TTL", "86400").header("Urgency", "normal").header("Content-Encoding", "aes128gcm")
                            .header("Content-Type", "application/octet-stream").header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                }
                long received0 = sink.count();
                long cpu0 = sink.cpuNanos();
                long start = System.nanoTime();
                Semaphore slots = new Semaphore(inFlight);
                AtomicInteger notCreated = new AtomicInteger();
                List<CompletableFuture<?>> all = new ArrayList<>(messages);
                for (HttpRequest request : requests) {
                    slots.acquire();
                    all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        slots.release();
                        if (e != null || r.statusCode() != 201) {
                            notCreated.incrementAndGet();
                        }
                    }));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                report(phase, messages, start, sink, received0, cpu0, notCreated.get() + " not answered 201");
            }
        }
    }

    static void email(int messages, int connections) throws Exception {
        try (RemoteSink sink = RemoteSink.start("email")) {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sink.port));
            p.put("mail.smtp.timeout", "5000");
            p.put("mail.smtp.connectiontimeout", "5000");
            Session session = Session.getInstance(p);
            String html = OutboxThroughput.emailHtml();
            AtomicLong recipient = new AtomicLong();
            for (String phase : List.of("warm-up", "measured")) {
                long received0 = sink.count();
                long cpu0 = sink.cpuNanos();
                long start = System.nanoTime();
                AtomicInteger next = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    Thread t = new Thread(() -> {
                        try (Transport transport = session.getTransport("smtp")) {
                            transport.connect();
                            while (next.getAndIncrement() < messages) {
                                MimeMessage m = message(session, "player" + recipient.incrementAndGet() + "@example.test",
                                        html);
                                try {
                                    transport.sendMessage(m, m.getAllRecipients());
                                } catch (Exception e) {
                                    failed.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    });
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                report(phase, messages, start, sink, received0, cpu0, failed.get() + " failed, "
                        + connections + " connections");
            }
        }
    }

    static MimeMessage message(Session session, String to, String html) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("notifications@linkup.golf", "LinkUp Golf"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("New tee time at Bethpage Black on Sat 14 Jun, 08:10", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Ada Host (Acme Capital) is hosting a FINANCE round at Bethpage Black.", "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlPart);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    static void report(String phase, int messages, long start, RemoteSink sink, long received0, long cpu0, String notes)
            throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sink.count() - received0 < messages && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long received = sink.count() - received0;
        long cpu = sink.cpuNanos() - cpu0;
        System.out.printf(Locale.ROOT, "%s: %,d of %,d received in %.3f s: %,.0f messages/s; sink CPU %.2f s,"
                + " %.0f us per message (%s)%n", phase, received, messages, seconds, received / seconds, cpu / 1e9,
                cpu / 1e3 / Math.max(1, received), notes);
        if (phase.equals("measured")) {
            System.out.printf(Locale.ROOT, "RESULT sink_alone messages_per_s=%.0f sink_cpu_us_per_message=%.0f received=%d"
                    + " expected=%d%n", received / seconds, cpu / 1e3 / Math.max(1, received), received, messages);
        }
    }

    private SinkAlone() {
    }
}
