package golf.linkup.console;

import golf.linkup.console.client.AdminClient;
import golf.linkup.console.sandbox.SandboxEngine;
import java.net.URI;
import java.util.Map;

/**
 * {@code bin/linkup console} (sandbox: an engine in this process with everything embedded and the
 * sample data) or {@code bin/linkup console --attach URL --token T} (a running engine, through its
 * admin API only). A plain class on purpose: a main class that extends {@code Application}, run from
 * the class path, fails with "JavaFX runtime components are missing" (STACK.md).
 */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String attach = null;
        String token = System.getenv("LINKUP_ADMIN_TOKEN");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--attach" -> attach = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    usage();
                    System.exit(64);
                }
            }
        }
        if (attach != null) {
            if (token == null || token.isBlank()) {
                System.err.println("--attach needs --token (an admin JWT: bin/linkup token ops --admin)");
                System.exit(64);
            }
            ConsoleApp.run(new AdminClient(URI.create(attach), token), "attached to " + attach, null);
        } else {
            System.out.println("starting a sandbox engine in this process...");
            SandboxEngine sandbox = SandboxEngine.start(Map.of());
            System.out.println("sandbox engine ready at " + sandbox.url());
            ConsoleApp.run(new AdminClient(sandbox.url(), sandbox.adminToken()), "sandbox " + sandbox.url(), sandbox);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage();
            System.exit(64);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: linkup console                          (sandbox: an engine in this process)");
        System.err.println("       linkup console --attach URL --token JWT (a running engine; LINKUP_ADMIN_TOKEN works too)");
    }
}
