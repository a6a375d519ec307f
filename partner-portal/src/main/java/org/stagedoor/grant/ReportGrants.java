package org.stagedoor.grant;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;

/** Which reports each partner company's users may run. Venue-only reports can never be granted. */
@Component
public class ReportGrants {

    private final JdbcClient jdbc;

    private final ReportCatalogue catalogue;

    ReportGrants(JdbcClient jdbc, ReportCatalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
    }

    /** The reports a partner company may be granted: every report that is not the venue's only. */
    public List<ReportDefinition> grantable() {
        return catalogue.all().stream().filter(report -> report.audience() != Audience.VENUE).toList();
    }

    /** The reports granted to a partner company, in the catalogue's order. */
    public List<ReportDefinition> granted(long partnerCompanyId) {
        Set<String> ids = Set.copyOf(jdbc.sql("select report_id from report_grant where partner_company_id = :p")
                .param("p", partnerCompanyId).query(String.class).list());
        return grantable().stream().filter(report -> ids.contains(report.id())).toList();
    }

    public boolean isGranted(long partnerCompanyId, String reportId) {
        return granted(partnerCompanyId).stream().anyMatch(report -> report.id().equals(reportId));
    }

    /** Grants exactly these reports to the partner company (others are revoked). */
    @Transactional
    public void set(long partnerCompanyId, Set<String> reportIds, String grantedBy) {
        for (String reportId : reportIds) {
            if (grantable().stream().noneMatch(report -> report.id().equals(reportId))) {
                throw new InvalidRequestException("reports", "names a report that cannot be granted to a partner"
                        + " company; these can: " + String.join(", ", grantable().stream().map(ReportDefinition::id)
                                .toList()));
            }
        }
        jdbc.sql("delete from report_grant where partner_company_id = :p").param("p", partnerCompanyId).update();
        for (String reportId : reportIds) {
            jdbc.sql("""
                    insert into report_grant (partner_company_id, report_id, granted_by) values (:p, :r, :by)
                    """).param("p", partnerCompanyId).param("r", reportId).param("by", grantedBy).update();
        }
    }
}
