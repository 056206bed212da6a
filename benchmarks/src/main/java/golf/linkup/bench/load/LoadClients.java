package golf.linkup.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load tool's WebSocket clients: Netty, all of them on a few event-loop threads (non-blocking
 * sockets, one selector per thread), so that 1,000 clients cost the shared machine little CPU and
 * the engine under test keeps its cores. Each text frame is parsed as JSON in full (Jackson's
 * streaming parser, every token read); a load message's latency is taken once it is parsed.
 * Server pings are answered by Netty's protocol handler.
 */
final class LoadClients implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;
    final List<Client> clients = new ArrayList<>();

    LoadClients(int threads) {
        this.loops = new NioEventLoopGroup(threads);
        this.bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** Connects one client and completes once its handshake is done. */
    Client connect(URI uri) throws Exception {
        Client client = new Client();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).maxFramePayloadLength(1 << 20).build()),
                        client);
            }
        });
        client.channel = b.connect(uri.getHost(), uri.getPort()).sync().channel();
        client.open.get(10, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        for (Client c : clients) {
            if (c.channel.isActive()) {
                c.channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
            }
        }
        for (Client c : clients) {
            c.channel.closeFuture().await(2, TimeUnit.SECONDS);
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    /** One client: records the latency of each load message it parses in the current phase. */
    static final class Client extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        Channel channel;
        final CompletableFuture<Void> open = new CompletableFuture<>();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        /** Only messages of this phase are counted; switching phase starts a fresh count. */
        volatile String phase = "warm-up";
        private volatile long[] latencies = new long[1 << 16];
        /** When each measured message was published (System.nanoTime() of this process), beside its latency. */
        private volatile long[] sentAts = new long[1 << 16];
        private final AtomicLong count = new AtomicLong();
        final AtomicLong lastAt = new AtomicLong();

        void send(String text) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        void resetCount() {
            count.set(0);
        }

        int count() {
            return (int) Math.min(count.get(), latencies.length);
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count());
        }

        /** The publish times of the messages {@link #latencies()} measured, in the same order. */
        long[] sentAts() {
            return Arrays.copyOf(sentAts, count());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                open.complete(null);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            open.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
            Parsed m = parse(frame.content());
            long now = System.nanoTime();
            if ("feed:tee-time-updated".equals(m.type) && m.load != null && m.load.startsWith(phase + "-")) {
                int n = (int) count.getAndIncrement();
                if (n >= latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    sentAts = Arrays.copyOf(sentAts, sentAts.length * 2);
                }
                latencies[n] = now - m.sentAt;
                sentAts[n] = m.sentAt;
                lastAt.set(now);
            } else if ("subscribed".equals(m.type)) {
                subscribed.complete(null);
            }
        }
    }

    /** The fields the tool reads; the rest of the message is parsed and skipped. */
    static final class Parsed {
        String type;
        String load;
        long sentAt;
    }

    /** Reads every token of one message, keeping {@code type} and {@code data.changes.load/sentAt}. */
    static Parsed parse(ByteBuf content) throws IOException {
        Parsed m = new Parsed();
        try (JsonParser p = JSON.createParser((java.io.InputStream) new ByteBufInputStream(content.duplicate()))) {
            String[] path = new String[8];
            int depth = 0;
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth < path.length) {
                            path[depth] = field;
                        }
                        depth++;
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> field = p.currentName();
                    default -> {
                        if (depth == 1 && "type".equals(field)) {
                            m.type = p.getText();
                        } else if (depth == 3 && "changes".equals(path[2]) && "data".equals(path[1])) {
                            if ("load".equals(field)) {
                                m.load = p.getText();
                            } else if ("sentAt".equals(field)) {
                                m.sentAt = p.getLongValue();
                            }
                        }
                    }
                }
            }
        }
        return m;
    }
}
