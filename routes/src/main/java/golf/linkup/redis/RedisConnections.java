package golf.linkup.redis;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.StringRedisSerializer;

/**
 * The engine's Redis clients, built without Spring Boot (see STACK.md): one pooled connection
 * factory, a string template for commands and PUBLISH, and one listener container per subscribed
 * channel group, each delivering on a single thread so per-channel order is kept.
 */
public final class RedisConnections implements AutoCloseable {

    private final URI uri;
    private final JedisConnectionFactory factory;
    private final StringRedisTemplate template;
    private final StringRedisSerializer serializer = new StringRedisSerializer();
    private final java.util.List<RedisMessageListenerContainer> containers = new java.util.ArrayList<>();
    private final java.util.List<ExecutorService> executors = new java.util.ArrayList<>();

    public RedisConnections(URI uri) {
        this.uri = uri;
        var config = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    config.setUsername(userInfo.substring(0, colon));
                }
                config.setPassword(userInfo.substring(colon + 1));
            } else {
                config.setPassword(userInfo);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.setDatabase(Integer.parseInt(path.substring(1)));
        }
        var client = JedisClientConfiguration.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5));
        if ("rediss".equalsIgnoreCase(uri.getScheme())) {
            client.useSsl();
        }
        factory = new JedisConnectionFactory(config, client.usePooling().build());
        factory.afterPropertiesSet();
        template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
    }

    public URI uri() {
        return uri;
    }

    /**
     * Runs {@code work} on a pooled connection's native Jedis client (commands Spring Data Redis does
     * not have, such as the stream consumer-group commands); the connection goes back to the pool.
     */
    public <T> T withJedis(java.util.function.Function<redis.clients.jedis.Jedis, T> work) {
        try (var connection = factory.getConnection()) {
            return work.apply((redis.clients.jedis.Jedis) connection.getNativeConnection());
        }
    }

    /**
     * A connection of its own, outside the pool, for a reader that blocks ({@code XREAD BLOCK}): its
     * socket timeout is {@code blockFor} plus a margin, so a blocking read never times out while a
     * dead server is still noticed. The caller closes it.
     */
    public redis.clients.jedis.Jedis dedicatedConnection(String clientName, Duration blockFor) {
        var config = redis.clients.jedis.DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis((int) blockFor.toMillis() + 5_000)
                .clientName(clientName)
                .ssl("rediss".equalsIgnoreCase(uri.getScheme()));
        var standalone = factory.getStandaloneConfiguration();
        if (standalone != null) {
            standalone.getPassword().map(String::new).ifPresent(config::password);
            if (standalone.getUsername() != null) {
                config.user(standalone.getUsername());
            }
            config.database(standalone.getDatabase());
        }
        return new redis.clients.jedis.Jedis(
                new redis.clients.jedis.HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379),
                config.build());
    }

    /** The address without credentials, for logs and banners. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    public JedisConnectionFactory connectionFactory() {
        return factory;
    }

    public StringRedisTemplate template() {
        return template;
    }

    public StringRedisSerializer serializer() {
        return serializer;
    }

    /**
     * A started listener container whose messages are handled one at a time, in order, on a daemon
     * thread named {@code name}; the blocking subscription runs on a second thread. It retries the
     * subscription every second while Redis is away.
     */
    public synchronized RedisMessageListenerContainer orderedContainer(String name) {
        ExecutorService task = Executors.newSingleThreadExecutor(daemon(name));
        ExecutorService subscription = Executors.newSingleThreadExecutor(daemon(name + "-subscription"));
        executors.add(task);
        executors.add(subscription);
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setTaskExecutor(task);
        container.setSubscriptionExecutor(subscription);
        container.setRecoveryInterval(1000);
        container.setBeanName(name);
        container.afterPropertiesSet();
        container.start();
        containers.add(container);
        return container;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops the listener containers (no more messages are consumed), each within
     * {@link #STOP_TIMEOUT}: a container whose subscription is retrying against a Redis that has
     * gone can block {@code stop()} on its subscriber's lock, and shutdown must not hang on that.
     * Idempotent.
     */
    public synchronized void stopListening() {
        for (var container : containers) {
            Thread stopper = new Thread(() -> {
                try {
                    container.stop();
                    container.destroy();
                } catch (Exception e) {
                    // shutting down: nothing useful to do
                }
            }, "linkup-redis-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        containers.clear();
    }

    /** Stops listening, then closes the connections. */
    @Override
    public synchronized void close() {
        stopListening();
        executors.forEach(ExecutorService::shutdownNow);
        factory.destroy();
    }

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);
}
