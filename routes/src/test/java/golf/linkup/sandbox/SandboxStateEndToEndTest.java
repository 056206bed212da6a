package golf.linkup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.EngineInstance;
import golf.linkup.e2e.SharedRedis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each running sandbox leaves one state file for the command line, and takes only its own away when it stops. */
class SandboxStateEndToEndTest {

    static List<Integer> runningPorts() throws Exception {
        return SandboxState.running(SandboxState.DIRECTORY).stream().map(SandboxState.Running::httpPort).toList();
    }

    @Test
    void twoSandboxesInOneFolderKeepTheirOwnStateAndRemoveItWhenTheyStop() throws Exception {
        EngineInstance first = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        EngineInstance second = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        try {
            assertThat(runningPorts()).contains(first.port(), second.port());
            SandboxState.Running state = SandboxState.running(SandboxState.DIRECTORY).stream()
                    .filter(r -> r.httpPort() == first.port()).findFirst().orElseThrow();
            assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(state.redisUrl()).isEqualTo(first.engine().redis().uri().toString());
            assertThat(state.file()).isEqualTo(Path.of(".linkup", "sandbox-" + first.port() + ".properties"));

            first.close();

            assertThat(runningPorts()).doesNotContain(first.port()).contains(second.port());
        } finally {
            first.close();
            second.close();
        }
        assertThat(runningPorts()).doesNotContain(first.port(), second.port());
    }
}
