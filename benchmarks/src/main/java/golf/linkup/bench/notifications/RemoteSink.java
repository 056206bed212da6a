package golf.linkup.bench.notifications;

import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.notifications.email.SandboxMailServer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A channel's sink in a JVM of its own, so that the sender pays for a real network hop to another
 * process and the sink's CPU is not the sender's: the sandbox push service on an Undertow
 * ({@code push <vapid public key> <subscriptions>}), or the sandbox GreenMail SMTP server
 * ({@code email}).
 *
 * <p>Protocol on stdin/stdout, one line each: it prints {@code port <n>}, for push one
 * {@code subscription <endpoint> <p256dh> <auth>} line per subscription, then {@code ready}; it
 * answers {@code count} with the number of messages received (pushes verified and decrypted, or
 * e-mails stored) and {@code cpu} with its process CPU time in nanoseconds, and stops on
 * {@code quit} or when stdin closes.
 */
public final class RemoteSink implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    final int port;
    final List<WebPushSubscription> subscriptions = new ArrayList<>();

    /** Starts the sink's JVM with this JVM's class path and waits until it is ready. */
    static RemoteSink start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RemoteSink.class.getName()));
        command.addAll(List.of(args));
        return new RemoteSink(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private RemoteSink(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        int p = -1;
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new IOException("the sink process ended before it was ready");
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case "port" -> p = Integer.parseInt(f[1]);
                case "subscription" -> subscriptions.add(new WebPushSubscription(f[1], f[2], f[3]));
                case "ready" -> {
                    this.port = p;
                    return;
                }
                default -> { } // the sink's own log lines
            }
        }
    }

    /** How many messages the sink has received. */
    synchronized long count() throws IOException {
        return ask("count");
    }

    /** The sink process's id (its threads' CPU is in /proc). */
    long pid() {
        return process.pid();
    }

    /** The sink process's CPU time so far (all its threads), in nanoseconds. */
    synchronized long cpuNanos() throws IOException {
        return ask("cpu");
    }

    private long ask(String what) throws IOException {
        in.println(what);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(what + " ")) {
                return Long.parseLong(line.substring(what.length() + 1));
            }
        }
        throw new IOException("the sink process ended");
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }

    public static void main(String[] args) throws Exception {
        // stdout carries the protocol only, and the parent reads it only when it asks for a count: a
        // log line written there (GreenMail logs one per new recipient) would fill the pipe between
        // two counts and block the logging thread, the SMTP handler in the middle of a message.
        // Everything else that prints (the logger's console appender included) goes to stderr,
        // which the parent does not hold back.
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        System.setOut(System.err);
        LongSupplier count;
        AutoCloseable server;
        switch (args[0]) {
            case "push" -> {
                SandboxPushService service = new SandboxPushService();
                Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                        .setHandler(Handlers.path().addPrefixPath(SandboxPushService.MOUNT_PATH,
                                new BlockingHandler(service))).build();
                undertow.start();
                int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
                stdout.println("port " + port);
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    WebPushSubscription s = service.createSubscription("u" + i, "http://127.0.0.1:" + port, args[1]);
                    stdout.println("subscription " + s.endpoint() + " " + s.p256dh() + " " + s.auth());
                }
                count = () -> service.received().size();
                server = undertow::stop;
            }
            case "email" -> {
                SandboxMailServer mail = new SandboxMailServer().start();
                stdout.println("port " + mail.smtpPort());
                count = () -> mail.receivedMessages().size();
                server = mail;
            }
            default -> throw new IllegalArgumentException("push <vapid public key> <subscriptions> | email");
        }
        stdout.println("ready");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null && !line.equals("quit"); line = stdin.readLine()) {
            if (line.equals("count")) {
                stdout.println("count " + count.getAsLong());
            } else if (line.equals("cpu")) {
                stdout.println("cpu " + ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
            }
        }
        server.close();
    }
}
