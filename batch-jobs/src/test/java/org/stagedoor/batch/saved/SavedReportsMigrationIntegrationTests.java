package org.stagedoor.batch.saved;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.booking.store.MigrationSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V16 turns each per-kind grant into a grant of one standard saved definition of that kind, so that no partner company
 * loses a report, and a grant of the customer list into the company's permission to build its own lists. Run in a
 * schema of its own, migrated to V15 with grants in it, then to V16.
 */
class SavedReportsMigrationIntegrationTests {

    private final MigrationSchema schema = MigrationSchema.fresh("saved_reports_migration");

    private final JdbcClient jdbc = schema.jdbc();

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Test
    @DisplayName("covers issue 14 item 1: today's per-kind grants become saved definitions; nobody loses access")
    void perKindGrantsBecomeGrantsOfOneStandardDefinitionPerKind() {
        schema.migrateTo("15");
        jdbc.sql("""
                insert into partner_company (id, name, collects_preferences) values
                    (1, 'Northern Lights', true), (2, 'Southern Cross', true), (3, 'Eastern Wind', false)
                """).update();
        jdbc.sql("""
                insert into report_grant (partner_company_id, report_id, granted_by) values
                    (1, 'partner-event-sales', 'ann'), (2, 'partner-event-sales', 'bob'),
                    (1, 'partner-optin-list', 'ann'), (2, 'customer-list', 'bob')
                """).update();

        schema.migrateTo(null);

        record Granted(long partner, String report, String name, List<String> open, String by) {
        }
        List<Granted> grants = jdbc.sql("""
                select g.partner_company_id, s.report_id, v.name, v.open_parameters, g.granted_by
                  from saved_report_grant g
                  join saved_report s on s.id = g.saved_report_id
                  join saved_report_version v on v.saved_report_id = s.id and v.version = s.current_version
                 where s.standard and s.owner_partner_company_id is null
                 order by g.partner_company_id, s.report_id
                """).query((rs, row) -> new Granted(rs.getLong(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getString(5))).list();
        assertThat(grants).containsExactly(
                new Granted(1, "partner-event-sales", "Event sales", List.of("period", "format"), "ann"),
                new Granted(1, "partner-optin-list", "Opted-in customers", List.of("columns", "format"), "ann"),
                new Granted(2, "partner-event-sales", "Event sales", List.of("period", "format"), "bob"));
        assertThat(jdbc.sql("select count(*) from saved_report").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select id from partner_company where builds_own_lists order by id").query(Long.class)
                .list()).containsExactly(2L);
        assertThat(jdbc.sql("select count(*) from pg_tables where schemaname = current_schema()"
                + " and tablename = 'report_grant'")
                .query(Integer.class).single()).isZero();
    }
}
