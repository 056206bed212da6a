package golf.linkup.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingSettingsTest {

    private static BookingSettings read(Map<String, String> values) {
        return BookingSettings.read(new SettingsReader(values::get));
    }

    @Test
    void theDefaultsAreSeed004s() {
        BookingSettings s = read(Map.of());
        assertEquals(Duration.ofSeconds(15), s.holdTtl());
        assertEquals(Duration.ofMinutes(30), s.offerTtl());
        assertEquals(Duration.ofHours(4).plusMinutes(30), s.roundLength());
        assertEquals(Duration.ofHours(1), s.checkInOpens());
    }

    @Test
    void theRoundLengthReadsAsItIsWrittenInApplicationProperties() {
        assertEquals(Duration.ofMinutes(270), read(Map.of("linkup.booking.round-length", "PT4H30M")).roundLength());
        assertEquals(Duration.ofMillis(300), read(Map.of("linkup.booking.hold-ttl", "300ms")).holdTtl());
    }

    @Test
    void aValueOutOfRangeStopsStartUpNamingTheKey() {
        InvalidSettingException zero = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("linkup.booking.hold-ttl", "0s")));
        assertEquals("linkup.booking.hold-ttl", zero.key());
        InvalidSettingException long_ = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("linkup.booking.hold-ttl", "1h")));
        assertTrue(long_.getMessage().contains("LINKUP_BOOKING_HOLD_TTL"), long_.getMessage());
        assertEquals("linkup.booking.round-length", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("linkup.booking.round-length", "4h30"))).key());
    }
}
