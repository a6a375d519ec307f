package org.stagedoor.scheduler.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.scheduler.delivery.DeliveryMode;

/** Reads and writes {@code schedule} and its fixed recipients. */
@Component
class ScheduleStore {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    ScheduleStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A schedule ready to save: every value checked and defaulted. */
    record Values(String name, long savedReportId, String reportId, Map<String, String> parameters,
            OutputFormat format,
            String cronExpression, ZoneId timeZone, MisfirePolicy misfirePolicy, FanOut fanOut, Long partnerCompanyId,
            DeliveryMode deliveryMode, boolean sendToPartnerUsers, List<String> recipients, boolean enabled,
            String requestedBy, ListSends sends) {
    }

    long insert(Values values) {
        long id = jdbc.sql("""
                insert into schedule (name, saved_report_id, report_id, parameters, format, cron_expression, time_zone,
                                      misfire_policy, fan_out, partner_company_id, delivery_mode,
                                      send_to_partner_users, enabled, created_by, sends)
                values (:name, :saved, :report, cast(:parameters as jsonb), :format, :cron, :zone, :misfire, :fanOut,
                        :partner, :mode, :partnerUsers, :enabled, :requestedBy, :sends)
                returning id
                """)
                .params(parameters(values))
                .query(Long.class).single();
        insertRecipients(id, values.recipients());
        return id;
    }

    void update(long id, Values values) {
        jdbc.sql("""
                update schedule
                   set name = :name, saved_report_id = :saved, report_id = :report,
                       parameters = cast(:parameters as jsonb), format = :format,
                       cron_expression = :cron, time_zone = :zone, misfire_policy = :misfire, fan_out = :fanOut,
                       partner_company_id = :partner, delivery_mode = :mode, send_to_partner_users = :partnerUsers,
                       enabled = :enabled, sends = :sends, updated_at = now()
                 where id = :id and deleted_at is null
                """)
                .params(parameters(values))
                .param("id", id)
                .update();
        jdbc.sql("delete from schedule_recipient where schedule_id = :id").param("id", id).update();
        insertRecipients(id, values.recipients());
    }

    private Map<String, Object> parameters(Values values) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", values.name());
        parameters.put("saved", values.savedReportId());
        parameters.put("report", values.reportId());
        parameters.put("parameters", json.writeValueAsString(values.parameters()));
        parameters.put("format", values.format() == null ? null : values.format().name());
        parameters.put("cron", values.cronExpression());
        parameters.put("zone", values.timeZone().getId());
        parameters.put("misfire", values.misfirePolicy().name());
        parameters.put("fanOut", values.fanOut().name());
        parameters.put("partner", values.partnerCompanyId());
        parameters.put("mode", values.deliveryMode().name());
        parameters.put("partnerUsers", values.sendToPartnerUsers());
        parameters.put("enabled", values.enabled());
        parameters.put("requestedBy", values.requestedBy());
        parameters.put("sends", values.sends().name());
        return parameters;
    }

    private void insertRecipients(long id, List<String> recipients) {
        for (String email : recipients) {
            jdbc.sql("insert into schedule_recipient (schedule_id, email) values (:id, :email)")
                    .param("id", id).param("email", email).update();
        }
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("update schedule set enabled = :enabled, updated_at = now() where id = :id and deleted_at is null")
                .param("id", id).param("enabled", enabled).update();
    }

    void markDeleted(long id) {
        jdbc.sql("update schedule set enabled = false, deleted_at = now(), updated_at = now() where id = :id")
                .param("id", id).update();
    }

    /** A schedule that is not deleted. */
    Optional<Schedule> find(long id) {
        return jdbc.sql("select * from schedule where id = :id and deleted_at is null")
                .param("id", id).query(this::schedule).optional();
    }

    /** A schedule, deleted or not: a fire already under way finishes for a schedule deleted meanwhile. */
    Optional<Schedule> findAny(long id) {
        return jdbc.sql("select * from schedule where id = :id").param("id", id).query(this::schedule).optional();
    }

    /**
     * Locks the schedule's row until the transaction ends, so that two fires of it are recorded one after the
     * other.
     */
    Optional<Schedule> lock(long id) {
        return jdbc.sql("select * from schedule where id = :id for update").param("id", id).query(this::schedule)
                .optional();
    }

    List<Schedule> all() {
        return jdbc.sql("select * from schedule where deleted_at is null order by name, id").query(this::schedule)
                .list();
    }

    private Schedule schedule(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<String> recipients = jdbc
                .sql("select email from schedule_recipient where schedule_id = :id order by email")
                .param("id", id).query(String.class).list();
        String format = rs.getString("format");
        return new Schedule(id, rs.getString("name"), rs.getLong("saved_report_id"), rs.getString("report_id"),
                json.readValue(rs.getString("parameters"), PARAMETERS),
                format == null ? null : OutputFormat.valueOf(format),
                rs.getString("cron_expression"), ZoneId.of(rs.getString("time_zone")),
                MisfirePolicy.valueOf(rs.getString("misfire_policy")), FanOut.valueOf(rs.getString("fan_out")),
                rs.getObject("partner_company_id", Long.class), DeliveryMode.valueOf(rs.getString("delivery_mode")),
                rs.getBoolean("send_to_partner_users"), recipients, rs.getBoolean("enabled"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "deleted_at"), ListSends.valueOf(rs.getString("sends")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
