package golf.linkup.engine.matching;

import static golf.linkup.engine.events.TestEvents.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which published events re-read a tee time into the matching index. */
class MatchingTriggersTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "tee-time.created   | {\"teeTimeId\":\"tt-1\"}                                                   | true",
        "slot.joined        | {\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-1\"}                 | true",
        "slot.left          | {\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-1\"}                 | true",
        "tee-time.cancelled | {\"teeTimeId\":\"tt-1\"}                                                   | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"skillLevel\":\"ADVANCED\"}}         | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"courseId\":\"c-2\",\"note\":\"x\"}} | true",
        "tee-time.updated   | {\"teeTimeId\":\"tt-1\",\"changes\":{\"note\":\"bring a jacket\"}}         | false",
        "message.sent       | {\"teeTimeId\":\"tt-1\",\"message\":{\"id\":\"m-1\",\"senderId\":\"u-1\",\"body\":\"hi\",\"sentAt\":\"2026-11-24T10:00:00Z\"}} | false",
    })
    void refreshesWhenScoringCanChange(String type, String data, boolean expected) {
        assertThat(MatchingTriggers.refreshAfter(parsed(type.strip(), data.strip()))).isEqualTo(expected);
    }
}
