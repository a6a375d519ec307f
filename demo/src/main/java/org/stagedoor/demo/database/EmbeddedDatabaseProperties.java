package org.stagedoor.demo.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL keeps its data and which port it listens on. Used only when no
 * {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory kept between runs, so demo data and report files survive a restart
 * @param port a fixed port, so that {@code psql} can reach the same database every time; 0 picks
 *     any free port
 */
@ConfigurationProperties("stagedoor.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("${user.home}/.stagedoor/postgres") Path dataDirectory,
        @DefaultValue("54329") int port) {
}
