package golf.linkup.engine.booking;

import static golf.linkup.engine.events.TestEvents.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which published events reconcile their tee time at once (the rest wait for the offer sweep). */
class BookingTriggersTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "slot.left          | {\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-1\"}                   | true",
        "tee-time.cancelled | {\"teeTimeId\":\"tt-1\"}                                                     | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"totalSlots\":4}}                      | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"startsAt\":\"2026-12-01T08:00:00Z\"}} | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"note\":\"x\",\"status\":\"OPEN\"}}    | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"openSlots\":1}}                       | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"note\":\"bring a jacket\"}}           | false",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"industry\":\"TECH\",\"changes\":{}}               | false",
        "slot.joined        | {\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-1\"}                   | false",
    })
    void reconcilesOnlyWhenASlotCanHaveOpenedOrTheWaitlistWindowMoved(String type, String data, boolean expected) {
        assertThat(BookingTriggers.reconcileAfter(parsed(type.strip(), data.strip()))).isEqualTo(expected);
    }
}
