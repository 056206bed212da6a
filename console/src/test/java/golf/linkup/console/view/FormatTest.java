package golf.linkup.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text the console's fonts cannot draw never reaches a label as a box. */
class FormatTest {

    @Test
    void emojiBecomeTheirNamesAndEverythingElseStays() {
        assertThat(Format.displayable("⛳ Your group is full!")).isEqualTo("[flag in hole] Your group is full!");
        assertThat(Format.displayable("🏌️‍♀️ New tee time")).isEqualTo("[golfer]♀ New tee time");
        assertThat(Format.displayable("👍🏽 ok")).isEqualTo("[thumbs up sign] ok");
        assertThat(Format.displayable("Zürich · 14:05 ✓ ★ — café")).isEqualTo("Zürich · 14:05 ✓ ★ — café");
        assertThat(Format.displayable(null)).isEmpty();
    }
}
