package org.stagedoor.bench;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.run.ReportQuery;
import org.stagedoor.batch.run.RunQueries;
import org.stagedoor.batch.run.RunRecords;

/**
 * A run's rows read into memory, for a baseline writer to write from there: the same statement the run
 * streamed, only the file's columns (a partner run's statement also carries its ledger columns).
 */
record RunRows(List<Column> columns, List<String> header, List<Object[]> rows) {

    static RunRows load(long runId, String[] springArgs, UnaryOperator<Object> cell) {
        List<Object[]> rows = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, springArgs)) {
            ReportQuery query = context.getBean(RunQueries.class).forRun(context.getBean(RunRecords.class).get(runId));
            int width = query.columns().size();
            context.getBean(NamedParameterJdbcTemplate.class).query(query.sql(), query.parameters(), (ResultSet rs) -> {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = cell.apply(rs.getObject(i + 1));
                }
                rows.add(row);
            });
            return new RunRows(query.columns(), query.columns().stream().map(Column::name).toList(), rows);
        }
    }
}
