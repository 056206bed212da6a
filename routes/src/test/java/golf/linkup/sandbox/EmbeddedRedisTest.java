package golf.linkup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sandbox's Redis is a real server process that answers until it is closed, and then is gone. */
class EmbeddedRedisTest {

    @Test
    void answersUntilClosedThenRefusesConnections() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start();
        assertThat(redis.uri().toString()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(ping(redis.port())).isEqualTo("+PONG");

        redis.close();

        assertThatThrownBy(() -> ping(redis.port())).isInstanceOf(ConnectException.class);
        redis.close(); // closing twice is harmless
    }

    @Test
    void aTakenPortIsRefusedWithItsNumberAndStartFindsAnother() throws Exception {
        try (EmbeddedRedis first = EmbeddedRedis.start()) {
            assertThatThrownBy(() -> EmbeddedRedis.startOn(first.port()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("port " + first.port());
            try (EmbeddedRedis second = EmbeddedRedis.start()) {
                assertThat(second.port()).isNotEqualTo(first.port());
                assertThat(ping(second.port())).isEqualTo("+PONG");
            }
            assertThat(ping(first.port())).as("the first server is untouched").isEqualTo("+PONG");
        }
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\r') {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
