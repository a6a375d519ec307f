package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Retention: deletes the files of runs past their expiry and marks those runs EXPIRED, keeping the
 * record of what was produced (rows, checksum) after the file is gone.
 */
@Configuration(proxyBeanMethods = false)
class HousekeepingJobConfiguration {

    static final String JOB_NAME = "reportHousekeepingJob";

    private static final Logger log = LoggerFactory.getLogger(HousekeepingJobConfiguration.class);

    @Bean(JOB_NAME)
    Job reportHousekeepingJob(JobRepository jobRepository, Step deleteExpiredFilesStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(deleteExpiredFilesStep).build();
    }

    @Bean
    Step deleteExpiredFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RunRecords records, Clock clock) {
        return new StepBuilder("deleteExpiredFilesStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    for (ReportRun run : records.expired(clock.instant())) {
                        try {
                            Files.deleteIfExists(Path.of(run.location()));
                        }
                        catch (IOException ex) {
                            throw new UncheckedIOException("Could not delete the expired file of run " + run.id(), ex);
                        }
                        records.fileDeleted(run.id());
                        contribution.incrementWriteCount(1);
                        log.info("Deleted the expired file of run {} ({})", run.id(), run.fileName());
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
