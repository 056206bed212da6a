package golf.linkup.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSettingsTest {

    @TempDir
    Path clients;

    private static DemoSettings read(Map<String, String> values, boolean sandbox) {
        return DemoSettings.read(new SettingsReader(values::get), sandbox);
    }

    private Map<String, String> dir() {
        Map<String, String> m = new HashMap<>();
        m.put("linkup.demo.dir", clients.toString());
        return m;
    }

    private void writeClientFiles() throws IOException {
        Files.createDirectories(clients.resolve("demo"));
        Files.createDirectories(clients.resolve("js"));
        Files.writeString(clients.resolve("demo/index.html"), "<!doctype html>");
        Files.writeString(clients.resolve("js/linkup-client.js"), "export {};");
    }

    @Test
    void onInTheSandboxAndOffInProductionByDefault() throws IOException {
        writeClientFiles();
        assertThat(read(dir(), true).enabled()).isTrue();
        assertThat(read(dir(), false).enabled()).isFalse();
        assertThat(read(dir(), true).dir()).isEqualTo(clients);
    }

    @Test
    void productionServesItOnlyWhenAskedTo() throws IOException {
        writeClientFiles();
        Map<String, String> m = dir();
        m.put("linkup.demo.enabled", "true");
        assertThat(read(m, false).enabled()).isTrue();
    }

    @Test
    void theSandboxDefaultWithoutTheFilesLeavesThePageOffAndSaysWhy() {
        DemoSettings demo = read(dir(), true);
        assertThat(demo.enabled()).isFalse();
        assertThat(demo.note()).hasValueSatisfying(note -> assertThat(note)
                .contains("demo/index.html").contains("linkup.demo.dir"));
    }

    @Test
    void anExplicitEnableWithoutTheFilesStopsStartUpNamingTheDirectoryKey() throws IOException {
        Files.createDirectories(clients.resolve("demo"));
        Files.writeString(clients.resolve("demo/index.html"), "<!doctype html>");
        Map<String, String> m = dir();
        m.put("linkup.demo.enabled", "yes");
        assertThatThrownBy(() -> read(m, true)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("linkup.demo.dir").hasMessageContaining("js/linkup-client.js");
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedNamingTheKey() {
        Map<String, String> m = dir();
        m.put("linkup.demo.enabled", "maybe");
        assertThatThrownBy(() -> read(m, true)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("linkup.demo.enabled");
    }
}
