package golf.linkup.engine.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.config.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptSettingsTest {

    @Test
    void theDefaultsAreOnWithAPushAfterTwoMinutes() {
        ReceiptSettings s = ReceiptSettings.defaults();

        assertThat(s.enabled()).isTrue();
        assertThat(s.pushAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(s.batch()).isEqualTo(200);
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        SettingsReader in = SettingsReader.of(Map.of("linkup.receipts.push-after", "0s",
                "linkup.receipts.fallback-batch", "0", "linkup.receipts.enabled", "maybe"));
        ReceiptSettings.read(in);

        assertThatThrownBy(in::throwIfRefused).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("linkup.receipts.push-after").hasMessageContaining("linkup.receipts.fallback-batch")
                .hasMessageContaining("linkup.receipts.enabled");
    }

    @Test
    void aMaxAgeNotLongerThanThePushAfterIsRefused() {
        SettingsReader in = SettingsReader.of(Map.of("linkup.receipts.push-after", "10m",
                "linkup.receipts.max-age", "5m"));
        ReceiptSettings.read(in);

        assertThatThrownBy(in::throwIfRefused).hasMessageContaining("linkup.receipts.max-age");
    }
}
