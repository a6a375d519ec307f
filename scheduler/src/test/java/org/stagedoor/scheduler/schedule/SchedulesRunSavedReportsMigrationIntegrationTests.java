package org.stagedoor.scheduler.schedule;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.booking.store.MigrationSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V19 points each existing schedule at a saved definition of its own, made from the report, parameters and format
 * the schedule held, all fixed; the schedule keeps no values of its own. Run in a schema of its own, migrated to V16
 * with schedules in it (a live one, one named like a standard definition, one deleted), then to V19.
 */
class SchedulesRunSavedReportsMigrationIntegrationTests {

    private final MigrationSchema schema = MigrationSchema.fresh("schedules_saved_migration");

    private final JdbcClient jdbc = schema.jdbc();

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Test
    @DisplayName("covers issue 14 item 1: every schedule runs a venue definition holding what it held, as before")
    void eachScheduleGetsAVenueDefinitionOfItsOwnWithItsParametersAndFormatFixed() {
        schema.migrateTo("16");
        jdbc.sql("""
                insert into partner_company (id, name, collects_preferences) values (1, 'Northern Lights', true)
                """).update();
        // A standard definition as V16 makes them, whose name the second schedule also has.
        jdbc.sql("""
                insert into saved_report (id, report_id, standard, created_by) values (50, 'partner-event-sales', true,
                                                                                       'migration')
                """).update();
        jdbc.sql("""
                insert into saved_report_version (saved_report_id, version, name, parameters, open_parameters, format,
                                                  saved_by)
                values (50, 1, 'Event sales', '{}', '{period,format}', 'XLSX', 'migration')
                """).update();
        jdbc.sql("""
                insert into schedule (id, name, report_id, parameters, format, cron_expression, time_zone,
                                      misfire_policy, fan_out, partner_company_id, delivery_mode, created_by,
                                      deleted_at)
                values (1, 'Weekly sales', 'partner-event-sales', '{"period": "previous-week"}', 'XLSX',
                        '0 0 7 * * MON', 'Europe/London', 'RUN_ONCE', 'PARTNERS_WITH_EVENTS', null, 'ATTACHMENT',
                        'ann', null),
                       (2, 'Event sales', 'partner-event-sales', '{"period": "last-7-days"}', 'CSV',
                        '0 0 6 * * *', 'Europe/London', 'SKIP', 'ONE_PARTNER', 1, 'LINK', 'bob', null),
                       (3, 'Old list', 'partner-optin-list', '{}', 'CSV', '0 0 6 1 * *', 'Europe/London',
                        'RUN_ONCE', 'PARTNERS_COLLECTING_PREFERENCES', null, 'LINK', 'ann', '2026-11-01 10:00+00')
                """).update();

        schema.migrateTo(null);

        record Migrated(long schedule, String report, String name, String parameters, List<String> open,
                String format, boolean retired, String scheduleParameters, String scheduleFormat) {
        }
        List<Migrated> migrated = jdbc.sql("""
                select sc.id, s.report_id, v.name, v.parameters::text, v.open_parameters, v.format,
                       s.retired_at is not null, sc.parameters::text, sc.format
                  from schedule sc
                  join saved_report s on s.id = sc.saved_report_id and s.report_id = sc.report_id
                  join saved_report_version v on v.saved_report_id = s.id and v.version = s.current_version
                 where s.owner_partner_company_id is null and not s.standard and s.current_version = 1
                 order by sc.id
                """).query((rs, row) -> new Migrated(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6),
                        rs.getBoolean(7), rs.getString(8), rs.getString(9))).list();
        assertThat(migrated).containsExactly(
                new Migrated(1, "partner-event-sales", "Weekly sales", "{\"period\": \"previous-week\"}", List.of(),
                        "XLSX", false, "{}", null),
                new Migrated(2, "partner-event-sales", "Event sales (schedule 2)", "{\"period\": \"last-7-days\"}",
                        List.of(), "CSV", false, "{}", null),
                new Migrated(3, "partner-optin-list", "Old list", "{}", List.of(), "CSV", true, "{}", null));
        assertThat(jdbc.sql("select count(*) from saved_report").query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select description from saved_report_version where name = 'Weekly sales'")
                .query(String.class).single())
                .isEqualTo("Made from the schedule \"Weekly sales\" when schedules began to run saved reports.");
        // The kind kept on the schedule cannot differ from its definition's.
        assertThatThrownBy(() -> jdbc.sql("update schedule set report_id = 'partner-demographics' where id = 1")
                .update()).hasMessageContaining("schedule_saved_report");
        assertThatThrownBy(() -> jdbc.sql("update schedule set saved_report_id = null where id = 1").update())
                .hasMessageContaining("saved_report_id");
    }
}
