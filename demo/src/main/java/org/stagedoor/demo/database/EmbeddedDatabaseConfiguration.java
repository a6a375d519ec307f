package org.stagedoor.demo.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default store: a real PostgreSQL started from a Maven artifact when no datasource URL is
 * configured. With {@code SPRING_DATASOURCE_URL} set this configuration is skipped entirely and
 * Spring Boot connects to that database instead; nothing embedded is started.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
        try {
            Files.createDirectories(properties.dataDirectory());
            EmbeddedDatabaseGuard.refuseIfInUse(properties.dataDirectory(), properties.port());
            EmbeddedDatabaseGuard.stopOrphan(properties.dataDirectory());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(properties.dataDirectory())
                    .setCleanDataDirectory(false);
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            EmbeddedPostgres postgres = start(builder, properties);
            // The library's process is pg_ctl's, which ends once the server runs; the server's own is in the directory.
            EmbeddedDatabaseGuard.serverPid(properties.dataDirectory()).ifPresent(EmbeddedDatabaseGuard::watch);
            log.info("Embedded PostgreSQL is up: jdbc:postgresql://localhost:{}/postgres (user postgres), data in {}",
                    postgres.getPort(), properties.dataDirectory());
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in "
                    + properties.dataDirectory() + "; set SPRING_DATASOURCE_URL to use another database", ex);
        }
    }

    /** Started; refused in one sentence should another application have taken the directory since it was checked. */
    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, EmbeddedDatabaseProperties properties)
            throws IOException {
        try {
            return builder.start();
        }
        catch (IllegalStateException ex) {
            if (String.valueOf(ex.getMessage()).startsWith("could not lock")) {
                throw new EmbeddedDatabaseInUse(properties.dataDirectory(), properties.port());
            }
            throw ex;
        }
    }

    /** The pool takes {@code spring.datasource.hikari.*} as Spring Boot's own would (its connection timeout...). */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("stagedoor-embedded");
        return dataSource;
    }

}
