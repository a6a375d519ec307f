package org.stagedoor.batch.run;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.FileDescription;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.batch.sharing.SharedCustomer;
import org.stagedoor.batch.sharing.SharingLedger;
import org.stagedoor.batch.sharing.SharingSettings;

/**
 * The report job: a chunk-oriented step streams the run's rows from a PostgreSQL cursor into the file,
 * then a step finalises the file (checksum, atomic move) and records it. Run-time input is one job
 * parameter, the run id; everything else is read from the run's record.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ReportSettings.class, SharingSettings.class })
// Defaults an application's own properties override (job repository isolation: see the file).
@PropertySource("classpath:org/stagedoor/batch/run/batch-defaults.properties")
class ReportJobConfiguration {

    static final String JOB_NAME = "reportJob";

    static final String EXECUTOR = "reportTaskExecutor";

    static final String RUN_ID = "runId";

    /** The step that streams the rows into the file; its write count is the run's progress ({@link RunProgress}). */
    static final String ROWS_STEP = "reportRowsStep";

    @Bean(JOB_NAME)
    Job reportJob(JobRepository jobRepository, Step reportRowsStep, Step reportFinaliseStep, RunSlots runSlots,
            RunStatusListener runStatusListener) {
        return new JobBuilder(JOB_NAME, jobRepository)
                // The record first: a run waiting for a slot shows RUNNING with its job execution, so that it can
                // be cancelled while it waits. Listeners end in reverse: the slot is freed, then the outcome recorded.
                .listener(runStatusListener)
                .listener(runSlots)
                .start(reportRowsStep)
                .next(reportFinaliseStep)
                .build();
    }

    /**
     * Always runs again on restart, from the first row: the partial file of a failed attempt is gone
     * with it, so the restarted file holds exactly the rows of an uninterrupted run.
     */
    @Bean
    Step reportRowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<Object[]> reportRowReader, ItemStreamWriter<Object[]> reportRowWriter,
            RunFile runFile, LedgerLoader ledgerLoader, ReportSettings settings) {
        return new StepBuilder(ROWS_STEP, jobRepository)
                .<Object[], Object[]>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(reportRowReader)
                .writer(reportRowWriter)
                .listener(LedgerLoader.beginsWith(runFile, ledgerLoader))
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step reportFinaliseStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunFile runFile,
            LedgerLoader ledgerLoader, RunRecords records, SharingLedger ledger, ReportSettings settings, Clock clock,
            ReportCatalogue catalogue, RunDescriptions descriptions, ListChanges changes) {
        return new StepBuilder("reportFinaliseStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    long runId = chunkContext.getStepContext().getStepExecution().getJobParameters()
                            .getLong(RUN_ID);
                    ReportRun run = records.get(runId);
                    if (runFile.query().ledger()) {
                        // Before the file is moved into place: no complete-looking file without its ledger. A list
                        // of changes names its leavers by number only: they are told, not shared again.
                        long entries = ledgerLoader.awaitLoaded();
                        long leavers = ListDelta.isDelta(runFile.query()) ? changes.leavers(runId).size() : 0;
                        if (entries + leavers != runFile.rowsWritten()) {
                            throw new IllegalStateException("Run " + runId + "'s sharing ledger has " + entries
                                    + " entries and " + leavers + " leavers for " + runFile.rowsWritten()
                                    + " rows in its file");
                        }
                    }
                    List<Object[]> withdrawn = runFile.query().ledger() ? ledger.withdrawals(runId) : List.of();
                    if (!withdrawn.isEmpty()) {
                        // "Withdrawn since your last list": customers the company must stop contacting.
                        runFile.appendix(SharingLedger.WITHDRAWN_TITLE, SharingLedger.WITHDRAWN_COLUMNS, withdrawn);
                    }
                    RunFile.Finished file = runFile.finish();
                    records.fileReady(runId, file.rows(), file.size(), file.sha256(),
                            downloadName(run, catalogue.find(run.reportId())
                                    .map(report -> descriptions.title(run, report)).orElse(run.reportId())),
                            file.location().toString(), clock.instant().plus(settings.retention()));
                    if (runFile.query().ledger()) {
                        // In the step's transaction: a run is COMPLETED with its manifest or not at all.
                        String notBefore = run.parametersResolved().get(RunParameters.CONSENT_NOT_BEFORE);
                        ledger.recordManifest(new SharingLedger.Manifest(runId, run.partnerCompanyId(),
                                run.requestedBy(), run.cutoffAt(), notBefore == null ? null : Instant.parse(notBefore),
                                runFile.query().columns().stream()
                                        .filter(column -> column != ListDelta.CHANGE && column != ListDelta.REASON)
                                        .map(Column::field).toList(), file.rows(),
                                file.sha256()));
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<Object[]> reportRowReader(DataSource dataSource, RunFile runFile, ReportSettings settings) {
        // The same statement the file was opened with, built once per execution.
        ReportQuery query = runFile.query();
        MapSqlParameterSource source = new MapSqlParameterSource(query.parameters());
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(query.sql());
        // Named parameters become JDBC placeholders the way NamedParameterJdbcTemplate does it: values
        // are always bound, never written into the statement.
        PreparedStatementCreatorFactory statement = new PreparedStatementCreatorFactory(
                NamedParameterUtils.substituteNamedParameters(parsed, source),
                NamedParameterUtils.buildSqlParameterList(parsed, source));
        JdbcCursorItemReader<Object[]> reader = new PartnerIsolatedCursorReader(dataSource,
                NamedParameterUtils.substituteNamedParameters(parsed, source),
                rowMapper(query.columns(), query.ledger()), query.partnerCompanyId());
        reader.setName("reportRowReader");
        reader.setPreparedStatementSetter(
                statement.newPreparedStatementSetter(NamedParameterUtils.buildValueArray(parsed, source, null)));
        // PgJDBC streams only with auto-commit off and a fetch size; otherwise it buffers the whole result.
        reader.setConnectionAutoCommit(false);
        reader.setFetchSize(settings.fetchSize());
        // Restart reads from the first row again (see reportRowsStep).
        reader.setSaveState(false);
        PrefetchingReader<Object[]> rows = new PrefetchingReader<>(reader, 16);
        // An aggregate report's small groups are hidden here, so that no writer or delivery ever sees them.
        return query.smallCells() == null ? rows
                : new SmallCellReader(rows, query.smallCells(), query.columns(), settings.minCellSize());
    }

    @Bean
    @StepScope
    RunFileWriter reportRowWriter(RunFile runFile, LedgerLoader ledgerLoader, ListChanges changes) {
        return new RunFileWriter(runFile, ledgerLoader, changes);
    }

    /** Shared by the rows step, which queues the entries, and the finalise step, which waits for them. */
    @Bean
    @JobScope
    LedgerLoader ledgerLoader(SharingLedger ledger, @Value("#{jobParameters['runId']}") Long runId) {
        return new LedgerLoader(ledger, runId);
    }

    /** The file says when its data stood: the cut-off, the same for every attempt of the run. */
    @Bean
    @JobScope
    RunFile runFile(RunRecords records, RunQueries queries, ReportCatalogue catalogue, SharedColumns sharedColumns,
            RunDescriptions descriptions, ReportSettings settings, ListChanges changes,
            @Value("#{jobParameters['runId']}") Long runId) {
        ReportRun run = records.get(runId);
        ReportDefinition report = catalogue.find(run.reportId()).orElseThrow();
        ListChanges.Plan plan = changes.plan(runId).orElse(null);
        long[] held = null;
        if (plan != null && plan.changes()) {
            // Changes can be told only over the same columns, and leavers named only by their number.
            List<String> fields = queries.forRun(run).columns().stream().map(Column::field).toList();
            if (!fields.contains(ListColumn.ID.columnName())) {
                plan = changes.sendFull(plan, ListChanges.FullBecause.NO_ID);
            }
            else if (!fields.equals(changes.columnsOf(plan.baseRunId()))) {
                plan = changes.sendFull(plan, ListChanges.FullBecause.COLUMNS_CHANGED);
            }
            else {
                held = changes.heldAfter(plan.baseRunId());
            }
        }
        // The run's number and parameters reach the file through the run's record, which the job parameter names.
        FileDescription description = descriptions.describe(run, report, plan);
        ReportQuery query = queries.forRun(run, plan, held);
        // The writer checks the columns against the company's agreement as it stands when the file is made.
        List<String> allowed = query.ledger() ? sharedColumns.namesOf(run.partnerCompanyId()) : null;
        return new RunFile(run, query, description, settings.directory(), allowed);
    }

    /** Here rather than scanned: the aggregate reports' descriptions state the venue's minimum group size. */
    @Bean
    ReportCatalogue reportCatalogue(ReportSettings settings) {
        return new ReportCatalogue(settings.minCellSize());
    }

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor reportTaskExecutor(ReportSettings settings) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // As many as may run at once (RunSlots); the rest wait their turn in the queue.
        executor.setCorePoolSize(settings.concurrentRuns());
        executor.setMaxPoolSize(settings.concurrentRuns());
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("report-run-");
        return executor;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The name the file is downloaded and attached under, in words a person recognises: "Event sales 2026-10-05 to
     * 2026-10-11 (run 12).xlsx". Characters some systems refuse in file names are left out.
     */
    private static String downloadName(ReportRun run, String title) {
        Period resolved = RunParameters.period(run.parametersResolved(), ReportCatalogue.PERIOD_PARAMETER);
        String period = resolved == null ? "" : " " + resolved.from() + " to " + resolved.to();
        String name = (title + period + " (run " + run.id() + ")").replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "");
        return name + "." + run.format().extension();
    }

    static RowMapper<Object[]> rowMapper(List<Column> columns) {
        return rowMapper(columns, false);
    }

    /**
     * With {@code ledger}, each row carries one more element after its values: the {@link SharedCustomer} read
     * from the statement's ledger columns, which {@link RunFileWriter} takes off before the row reaches the file.
     */
    static RowMapper<Object[]> rowMapper(List<Column> columns, boolean ledger) {
        int width = columns.size();
        return (ResultSet rs, int rowNumber) -> {
            Object[] row = new Object[ledger ? width + 1 : width];
            for (int i = 0; i < width; i++) {
                row[i] = value(rs, i + 1, columns.get(i));
            }
            if (ledger) {
                OffsetDateTime setAt = rs.getObject(width + 3, OffsetDateTime.class);
                row[width] = new SharedCustomer(rs.getLong(width + 1), rs.getString(width + 2),
                        setAt == null ? null : setAt.toInstant(), rs.getString(width + 4), rs.getString(width + 5));
            }
            return row;
        };
    }

    private static Object value(ResultSet rs, int index, Column column) throws SQLException {
        return switch (column.type()) {
            case TEXT -> rs.getString(index);
            case INTEGER -> {
                long number = rs.getLong(index);
                yield rs.wasNull() ? null : number;
            }
            case MONEY, PERCENTAGE -> {
                BigDecimal number = rs.getBigDecimal(index);
                yield number;
            }
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIMESTAMP -> {
                // OffsetDateTime parses without java.util.Calendar, which getTimestamp spends most of its time in.
                OffsetDateTime timestamp = rs.getObject(index, OffsetDateTime.class);
                yield timestamp == null ? null : timestamp.toInstant();
            }
        };
    }
}
