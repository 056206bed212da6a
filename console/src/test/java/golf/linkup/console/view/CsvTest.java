package golf.linkup.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
        assertThat(DataTable.csv("plain")).isEqualTo("plain");
        assertThat(DataTable.csv("feed:FINANCE tee-time:tt-1")).isEqualTo("feed:FINANCE tee-time:tt-1");
        assertThat(DataTable.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(DataTable.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DataTable.csv("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(DataTable.csv(null)).isEmpty();
    }
}
