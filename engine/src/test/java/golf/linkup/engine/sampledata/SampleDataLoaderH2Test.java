package golf.linkup.engine.sampledata;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

@DisplayName("SampleDataLoader on H2 (in memory)")
class SampleDataLoaderH2Test extends SampleDataLoaderContract {

    private JdbcDataSource dataSource;

    @BeforeEach
    void migrateFreshDatabase() {
        String url = "jdbc:h2:mem:sample-data-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
