package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cursor reader every report run reads its rows with, apart from its isolation
 * (AccountableSharingIntegrationTests).
 */
@SpringBootTest
class ReportReaderIntegrationTests extends StoreIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void plansEveryRunsStatementForItsOwnValuesWhateverThePoolPreparedBefore() throws Exception {
        // More runs than PgJDBC's five before it prepares on the server, on the pool's connections.
        for (int run = 0; run < 7; run++) {
            assertThat(readSetting(null)).as("a venue run").isEqualTo("force_custom_plan");
            assertThat(readSetting(3L)).as("a partner company's run").isEqualTo("force_custom_plan");
        }
    }

    @Test
    void leavesTheConnectionItReturnsToThePoolPlanningAsBefore() throws Exception {
        readSetting(3L);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show plan_cache_mode")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("auto");
        }
    }

    private String readSetting(Long partner) throws Exception {
        List<String> values = RunReaderRows.read(dataSource, partner, "select current_setting('plan_cache_mode')",
                (rs, row) -> rs.getString(1));
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
