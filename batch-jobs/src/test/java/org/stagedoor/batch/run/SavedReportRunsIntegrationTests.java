package org.stagedoor.batch.run;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.booking.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Saved reports and lists (issue 14 item 1) over the hand-built venue of {@code venue.sql}, at noon UTC on 20 October
 * 2026: Northern Lights (1) and Southern Cross (2); Ada, Mallory and Nora said YES to Northern.
 */
@SpringBootTest
@Import(ReportJobIntegrationTests.FixedClock.class)
class SavedReportRunsIntegrationTests extends VenueIntegrationTest {

    private static final long NORTHERN = 1L;

    private static final long SOUTHERN = 2L;

    @Autowired
    SavedReports saved;

    @Autowired
    SharedColumns sharedColumns;

    @Test
    @DisplayName("covers issue 14 item 1: editing keeps the earlier version, and each run records the one it ran")
    void aRunRecordsTheVersionItRanAndEditingKeepsTheEarlierOne() {
        SavedReport first = saved.create(null, draft("Opted in", yesFor("run"), "\"id\""), "ann@venue.example");
        saved.grant(first.id(), List.of(NORTHERN), "ann@venue.example");
        ReportRun before = launcher.run(saved.runRequest(first, NORTHERN, Map.of(), null, "tests"));

        SavedReport second = saved.update(first.id(), draft("Opted in, with email",
                yesFor("run") + ", {\"operator\": \"AND\", \"type\": \"has-email\"}", "\"id\", \"email\""),
                "bob@venue.example");
        ReportRun after = launcher.run(saved.runRequest(saved.get(first.id()), NORTHERN, Map.of(), null, "tests"));

        assertThat(second.version()).isEqualTo(2);
        assertThat(saved.versions(first.id())).extracting(SavedReport::version, SavedReport::name, SavedReport::savedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "Opted in, with email", "bob@venue.example"),
                        org.assertj.core.groups.Tuple.tuple(1, "Opted in", "ann@venue.example"));
        assertThat(saved.version(first.id(), 1).parameters()).isEqualTo(first.parameters());
        assertThat(before.saved()).isEqualTo(new SavedRef(first.id(), 1));
        assertThat(after.saved()).isEqualTo(new SavedRef(first.id(), 2));
        // Ada, Mallory and Nora said YES; Nora has no email address.
        assertThat(before.rowCount()).isEqualTo(3L);
        assertThat(after.rowCount()).isEqualTo(2L);
        assertThat(before.partnerCompanyId()).isEqualTo(NORTHERN);
    }

    @Test
    @DisplayName("covers issue 14 item 1: the person running it changes only what the definition leaves open")
    void onlyTheOpenParametersAndFormatMayBeChosen() {
        SavedReport sales = saved.create(null, new SavedReportDraft("Last week's sales", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests");

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> saved.runRequest(sales, NORTHERN, Map.of("period", "last-30-days"), OutputFormat.CSV, "t"));

        assertThat(refused.errors()).containsExactly(
                new FieldError("period", "is set by \"Last week's sales\" and cannot be changed when it runs"),
                new FieldError("format", "\"Last week's sales\" always makes a XLSX file"));
        RunRequest asSaved = saved.runRequest(sales, NORTHERN, Map.of("period", "previous-week"), null, "t");
        assertThat(asSaved.parameters()).isEqualTo(Map.of("period", "previous-week"));
        assertThat(asSaved.format()).isEqualTo(OutputFormat.XLSX);

        SavedReport open = saved.update(sales.id(), new SavedReportDraft("Sales", "", null,
                Map.of("period", "previous-week"), List.of("period", SavedReport.FORMAT), OutputFormat.XLSX), "tests");
        RunRequest chosen = saved.runRequest(open, NORTHERN, Map.of("period", "last-30-days"), OutputFormat.CSV, "t");
        assertThat(chosen.parameters()).isEqualTo(Map.of("period", "last-30-days"));
        assertThat(chosen.format()).isEqualTo(OutputFormat.CSV);
        assertThat(chosen.saved()).isEqualTo(new SavedRef(sales.id(), 2));
    }

    @Test
    @DisplayName("covers issue 14 bad input: a definition that stopped being valid says why and refuses to run")
    void aColumnTakenOutOfTheAgreementMakesTheGrantedDefinitionRefuseToRunSayingWhy() {
        SavedReport list = saved.create(null, draft("With email", yesFor("run"), "\"id\", \"email\""), "tests");
        saved.grant(list.id(), List.of(NORTHERN, SOUTHERN), "tests");
        assertThat(saved.problems(list, NORTHERN)).isEmpty();

        sharedColumns.set(NORTHERN, List.of("id", "first_name"));

        assertThat(saved.problems(list, NORTHERN)).containsExactly("For Northern Lights Productions: column email is"
                + " not in the partner company's data-sharing agreement; it allows id, first_name");
        assertThat(saved.problems(list, SOUTHERN)).isEmpty();
        assertThatThrownBy(() -> launcher.run(saved.runRequest(list, NORTHERN, Map.of(), null, "tests")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
        // Nor can it be granted again as it stands.
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> saved.grant(list.id(), List.of(NORTHERN), "tests"));
        assertThat(refused.errors()).extracting(FieldError::message).first().asString().startsWith(
                "For Northern Lights Productions: column email");
    }

    @Test
    @DisplayName("covers issue 14 item 1, R-1: a company's own list is its alone; another company finds nothing")
    void aPartnerCompanysOwnListIsSeenByItAloneAndOnlyListsMayBeItsOwn() {
        SavedReport own = saved.create(NORTHERN, draft("Our YES list", yesFor("run"), "\"id\""), "ann@northern");

        assertThat(saved.visibleTo(NORTHERN)).extracting(SavedReport::id).containsExactly(own.id());
        assertThat(saved.visibleTo(SOUTHERN)).isEmpty();
        assertThatThrownBy(() -> saved.visible(SOUTHERN, own.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> saved.grant(own.id(), List.of(SOUTHERN), "tests"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                insert into saved_report_grant (saved_report_id, partner_company_id, granted_by)
                values (:id, 2, 'sql')
                """).param("id", own.id()).update()).hasMessageContaining("saved_report_grant");

        InvalidRequestException notAList = catchThrowableOfType(InvalidRequestException.class,
                () -> saved.create(NORTHERN, new SavedReportDraft("Sales", "", "partner-event-sales", Map.of(),
                        List.of(), OutputFormat.CSV), "ann@northern"));
        assertThat(notAList.errors()).containsExactly(new FieldError("report",
                "a partner company can save customer lists only"));
        InvalidRequestException sameName = catchThrowableOfType(InvalidRequestException.class,
                () -> saved.create(NORTHERN, draft("our yes LIST", yesFor("run"), "\"id\""), "ann@northern"));
        assertThat(sameName.errors()).containsExactly(new FieldError("name",
                "is already the name of another saved report; choose another"));
        // Another owner may use the name.
        assertThat(saved.create(SOUTHERN, draft("Our YES list", yesFor("run"), "\"id\""), "sam@southern").name())
                .isEqualTo("Our YES list");
    }

    @Test
    @DisplayName("covers issue 14 item 1: a retired definition is offered and run no more; its runs stay")
    void aRetiredDefinitionIsNoLongerOfferedNorRun() {
        SavedReport list = saved.create(null, draft("Opted in", yesFor("run"), "\"id\""), "tests");
        saved.grant(list.id(), List.of(NORTHERN), "tests");
        ReportRun run = launcher.run(saved.runRequest(list, NORTHERN, Map.of(), null, "tests"));

        SavedReport retired = saved.retire(list.id());

        assertThat(saved.visibleTo(NORTHERN)).isEmpty();
        assertThat(saved.grantsOf(NORTHERN)).isEmpty();
        assertThatThrownBy(() -> saved.runRequest(retired, NORTHERN, Map.of(), null, "tests"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("was withdrawn");
        assertThat(saved.version(list.id(), 1).name()).isEqualTo("Opted in");
        assertThat(jdbc.sql("select saved_report_version from report_run where id = :id").param("id", run.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("covers issue 14 item 1: a list runs for partner companies only when a row names the company it"
            + " runs for")
    void whomAListRunsForIsReadFromItsRowsNotFromItsText() {
        SavedReport forPartners = saved.create(null, draft("Their YES", yesFor("run"), "\"id\""), "tests");
        // Named "run", with no row naming the company it runs for: the venue's own list.
        SavedReport named = saved.create(null, draft("run", "{\"type\": \"has-email\"}", "\"id\""), "tests");

        assertThat(saved.runsForVenue(forPartners)).isFalse();
        assertThat(saved.runsForVenue(named)).isTrue();
    }

    private static SavedReportDraft draft(String name, String segments, String columns) {
        return new SavedReportDraft(name, "", ReportCatalogue.CUSTOMER_LIST, Map.of("list", "{\"name\": \"" + name
                + "\", \"segments\": [" + segments + "], \"columns\": [" + columns + "]}"), List.of(),
                OutputFormat.CSV);
    }

    private static String yesFor(String partner) {
        return "{\"type\": \"partner-preference\", \"partnerCompany\": \"" + partner + "\", \"states\": [\"YES\"]}";
    }
}
