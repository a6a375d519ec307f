package org.stagedoor.scheduler.destination;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of {@code partner_destination} and {@code schedule_destination}; secrets go in and out encrypted. */
@Component
class DestinationStore {

    /** A row's encrypted secrets, for the one who sends. */
    record Secrets(String password, String privateKey, String webhookSecret) {
    }

    private final JdbcClient jdbc;

    DestinationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertSftp(long companyId, SftpRequest request, String password, String privateKey, String actor) {
        return jdbc.sql("""
                insert into partner_destination (partner_company_id, kind, name, host, port, folder, username,
                                                 password_encrypted, private_key_encrypted, host_key_fingerprint,
                                                 created_by)
                values (:company, 'SFTP', :name, :host, :port, :folder, :username, :password, :privateKey,
                        :fingerprint, :actor)
                returning id
                """)
                .param("company", companyId).param("name", request.name()).param("host", request.host())
                .param("port", request.port()).param("folder", request.folder()).param("username", request.username())
                .param("password", password).param("privateKey", privateKey)
                .param("fingerprint", request.hostKeyFingerprint()).param("actor", actor)
                .query(Long.class).single();
    }

    long insertWebhook(long companyId, WebhookRequest request, String secret, String actor) {
        return jdbc.sql("""
                insert into partner_destination (partner_company_id, kind, name, url, secret_encrypted, secret_set_at,
                                                 created_by)
                values (:company, 'WEBHOOK', :name, :url, :secret, now(), :actor)
                returning id
                """)
                .param("company", companyId).param("name", request.name()).param("url", request.url())
                .param("secret", secret).param("actor", actor)
                .query(Long.class).single();
    }

    boolean replaceSecret(long id, String secret) {
        return jdbc.sql("""
                update partner_destination set secret_encrypted = :secret, secret_set_at = now(), updated_at = now()
                 where id = :id and kind = 'WEBHOOK' and deleted_at is null
                """).param("id", id).param("secret", secret).update() == 1;
    }

    boolean remove(long id) {
        jdbc.sql("delete from schedule_destination where destination_id = :id").param("id", id).update();
        return jdbc.sql("""
                update partner_destination set deleted_at = now(), enabled = false, updated_at = now()
                 where id = :id and deleted_at is null
                """).param("id", id).update() == 1;
    }

    /** Any destination, removed ones too: a delivery names the one it was for. */
    Optional<Destination> find(long id) {
        return jdbc.sql("select * from partner_destination where id = :id").param("id", id)
                .query(DestinationStore::destination).optional();
    }

    Optional<Secrets> secrets(long id) {
        return jdbc.sql("""
                select password_encrypted, private_key_encrypted, secret_encrypted
                  from partner_destination where id = :id
                """).param("id", id)
                .query((rs, row) -> new Secrets(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    List<Destination> ofCompany(long companyId) {
        return jdbc.sql("""
                select * from partner_destination
                 where partner_company_id = :company and deleted_at is null
                 order by id
                """).param("company", companyId).query(DestinationStore::destination).list();
    }

    /** The company's enabled destinations that receive the schedule's runs for it. */
    List<Destination> forSchedule(long scheduleId, long companyId) {
        return jdbc.sql("""
                select d.* from schedule_destination s join partner_destination d on d.id = s.destination_id
                 where s.schedule_id = :schedule and d.partner_company_id = :company and d.enabled
                   and d.deleted_at is null
                 order by d.id
                """).param("schedule", scheduleId).param("company", companyId)
                .query(DestinationStore::destination).list();
    }

    Set<Long> schedulesOf(long destinationId) {
        return Set.copyOf(jdbc.sql("select schedule_id from schedule_destination where destination_id = :id")
                .param("id", destinationId).query(Long.class).list());
    }

    void setSchedules(long destinationId, Set<Long> scheduleIds) {
        jdbc.sql("""
                delete from schedule_destination
                 where destination_id = :id and not (schedule_id = any(:chosen))
                """).param("id", destinationId).param("chosen", scheduleIds.toArray(Long[]::new)).update();
        for (long scheduleId : scheduleIds) {
            jdbc.sql("""
                    insert into schedule_destination (schedule_id, destination_id) values (:schedule, :id)
                    on conflict do nothing
                    """).param("schedule", scheduleId).param("id", destinationId).update();
        }
    }

    static Destination destination(ResultSet rs, int row) throws SQLException {
        return new Destination(rs.getLong("id"), rs.getLong("partner_company_id"),
                DestinationKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("host"),
                rs.getObject("port", Integer.class), rs.getString("folder"), rs.getString("username"),
                rs.getString("password_encrypted") != null, rs.getString("private_key_encrypted") != null,
                rs.getString("host_key_fingerprint"), rs.getString("url"), instant(rs, "secret_set_at"),
                rs.getBoolean("enabled"), rs.getString("created_by"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
