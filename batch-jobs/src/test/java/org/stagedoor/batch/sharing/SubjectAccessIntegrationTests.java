package org.stagedoor.batch.sharing;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.booking.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read side of accountable sharing (R-6, P-8): subject access from the sharing ledger, manifests kept after
 * the file expired, and the partner companies' column allow-lists. Rows are written as a run would leave them.
 */
class SubjectAccessIntegrationTests extends SharingStoreIntegrationTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T06:30:00Z");

    private static final Instant APRIL = Instant.parse("2026-04-01T06:30:00Z");

    @Autowired
    SubjectAccess subjectAccess;

    @Autowired
    ManifestRecords manifests;

    @Autowired
    SharedColumns sharedColumns;

    SharingFixtures fixtures;

    long ada;

    long bea;

    long northern;

    long southern;

    @BeforeEach
    void twoCustomersTwoCompanies() {
        fixtures = new SharingFixtures(jdbc);
        ada = fixtures.customer("Ada", "Lovelace", "ada@example.org");
        bea = fixtures.customer("Bea", "Brown", "bea@example.org");
        northern = fixtures.partner("Northern Lights");
        southern = fixtures.partner("Southern Cross");
    }

    @Test
    void listsExactlyTheRunsThatSharedTheCustomerWithTheirConsentAndRecipients() {
        // covers R-6, P-8: every company that received Ada's data, when, under which consent, and who got the file
        Instant consent = Instant.parse("2026-02-10T12:00:00Z");
        long marchNorthern = fixtures.run(northern, "EXPIRED", MARCH);
        long aprilNorthern = fixtures.run(northern, "COMPLETED", APRIL);
        long aprilSouthern = fixtures.run(southern, "COMPLETED", APRIL.plusSeconds(600));
        long failed = fixtures.run(southern, "FAILED", APRIL.plusSeconds(1200));
        fixtures.shared(marchNorthern, ada, consent, "ONLINE_CHECKOUT", "ada@old.example");
        fixtures.shared(aprilNorthern, ada, consent, "ONLINE_CHECKOUT", "ada@example.org");
        fixtures.shared(aprilSouthern, ada, consent, "BOX_OFFICE", "ada@example.org");
        // A failed run shared nothing, whatever it had written; Bea's entries are hers alone.
        fixtures.shared(failed, ada, consent, "BOX_OFFICE", "ada@example.org");
        fixtures.shared(aprilNorthern, bea, consent, "ACCOUNT_PAGE", "bea@example.org");
        fixtures.recipient(aprilNorthern, RunRecipients.Kind.EMAIL, "marketing@northern.example",
                RunRecipients.How.ATTACHMENT);
        fixtures.recipient(aprilNorthern, RunRecipients.Kind.PORTAL_USER, "ann@northern.example",
                RunRecipients.How.DOWNLOAD);
        fixtures.recipient(aprilSouthern, RunRecipients.Kind.API_TOKEN, "token #3 (crm)", RunRecipients.How.DOWNLOAD);
        fixtures.recipient(failed, RunRecipients.Kind.EMAIL, "nobody@southern.example", RunRecipients.How.LINK);

        SubjectAccess.Report report = subjectAccess.of(ada);

        assertThat(report.name()).isEqualTo("Ada Lovelace");
        assertThat(report.email()).isEqualTo("ada@example.org");
        assertThat(report.erased()).isFalse();
        assertThat(report.shared()).extracting(SubjectAccess.SharedRun::runId)
                .containsExactly(aprilSouthern, aprilNorthern, marchNorthern);
        assertThat(report.partnerCompanies()).containsExactly("Southern Cross", "Northern Lights");
        SubjectAccess.SharedRun april = report.shared().get(1);
        assertThat(april.partnerCompanyId()).isEqualTo(northern);
        assertThat(april.reportId()).isEqualTo("partner-optin-list");
        assertThat(april.cutoffAt()).isEqualTo(APRIL);
        assertThat(april.madeAt()).isEqualTo(APRIL.plusSeconds(60));
        assertThat(april.consentState()).isEqualTo("YES");
        assertThat(april.consentSetAt()).isEqualTo(consent);
        assertThat(april.consentChannel()).isEqualTo("ONLINE_CHECKOUT");
        assertThat(april.sharedEmail()).isEqualTo("ada@example.org");
        assertThat(april.fileAvailable()).isTrue();
        assertThat(april.recipients()).extracting(RunRecipients.Recipient::recipient)
                .containsExactly("marketing@northern.example", "ann@northern.example");
        assertThat(report.shared().get(0).recipients()).extracting(RunRecipients.Recipient::kind)
                .containsExactly(RunRecipients.Kind.API_TOKEN);
        SubjectAccess.SharedRun march = report.shared().get(2);
        assertThat(march.sharedEmail()).isEqualTo("ada@old.example");
        assertThat(march.fileAvailable()).isFalse();
        assertThat(march.fileDeletedAt()).isNotNull();
        assertThat(march.recipients()).isEmpty();

        assertThat(subjectAccess.of(bea).shared()).extracting(SubjectAccess.SharedRun::runId)
                .containsExactly(aprilNorthern);
    }

    @Test
    void listsTheWithdrawalNoticesSentAboutTheCustomer() {
        // covers R-6: the companies told to stop using Ada's data, in runs that were actually delivered
        long shared = fixtures.run(northern, "COMPLETED", MARCH);
        fixtures.shared(shared, ada, MARCH.minusSeconds(86400), "ONLINE_CHECKOUT", "ada@example.org");
        long told = fixtures.run(northern, "COMPLETED", APRIL);
        long failed = fixtures.run(northern, "FAILED", APRIL.plusSeconds(60));
        fixtures.notice(told, ada, northern, "NO", APRIL.minusSeconds(3600), "ada@example.org");
        fixtures.notice(failed, ada, northern, "NO", APRIL.minusSeconds(3600), "ada@example.org");
        fixtures.notice(told, bea, northern, "ERASED", APRIL.minusSeconds(3600), "bea@example.org");

        SubjectAccess.Report report = subjectAccess.of(ada);

        assertThat(report.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.runId()).isEqualTo(told);
            assertThat(notice.partnerName()).isEqualTo("Northern Lights");
            assertThat(notice.state()).isEqualTo("NO");
            assertThat(notice.sentAt()).isEqualTo(APRIL.plusSeconds(60));
        });
    }

    @Test
    void aCustomerNeverSharedHasAnEmptyAnswerAndAnUnknownOneIsNotFound() {
        assertThat(subjectAccess.of(bea).shared()).isEmpty();
        assertThat(subjectAccess.of(bea).notices()).isEmpty();
        assertThatThrownBy(() -> subjectAccess.of(999_999)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("customer with id 999999");
        assertThat(subjectAccess.find("ADA@example.org ")).contains(ada);
        assertThat(subjectAccess.find(Long.toString(bea))).contains(bea);
        assertThat(subjectAccess.find("nobody@example.org")).isEmpty();
        assertThat(subjectAccess.find("999999")).isEmpty();
    }

    @Test
    void aManifestIsKeptWithItsRecipientsAfterTheFileExpired() {
        // covers R-6: the record of what left the venue outlives the file
        long run = fixtures.run(northern, "COMPLETED", APRIL);
        fixtures.manifest(run, northern, "ann@northern.example", APRIL, List.of("id", "first_name", "email"), 2);
        fixtures.recipient(run, RunRecipients.Kind.EMAIL, "marketing@northern.example", RunRecipients.How.LINK);
        long other = fixtures.run(southern, "COMPLETED", APRIL);
        fixtures.manifest(other, southern, "bob@southern.example", APRIL, List.of("id"), 7);
        fixtures.expire(run);

        ManifestRecords.Manifest manifest = manifests.find(run).orElseThrow();

        assertThat(manifest.status()).isEqualTo("EXPIRED");
        assertThat(manifest.fileAvailable()).isFalse();
        assertThat(manifest.partnerCompanyName()).isEqualTo("Northern Lights");
        assertThat(manifest.requestedBy()).isEqualTo("ann@northern.example");
        assertThat(manifest.cutoffAt()).isEqualTo(APRIL);
        assertThat(manifest.columns()).containsExactly("id", "first_name", "email");
        assertThat(manifest.rowCount()).isEqualTo(2);
        assertThat(manifest.withdrawnCount()).isEqualTo(1);
        assertThat(manifest.sha256()).isEqualTo(SharingFixtures.SHA256);
        assertThat(manifest.recipients()).extracting(RunRecipients.Recipient::recipient)
                .containsExactly("marketing@northern.example");
        assertThat(manifests.ofPartnerCompany(northern, 10)).extracting(ManifestRecords.Manifest::runId)
                .containsExactly(run);
        assertThat(manifests.find(fixtures.run(northern, "COMPLETED", APRIL))).isEmpty();
    }

    @Test
    void theColumnAllowListTakesOnlyKnownColumnsAndKeepsTheirOrder() {
        // covers R-6: a company receives only the personal-data columns of its agreement
        assertThat(sharedColumns.of(northern)).containsExactly(ListColumn.ID, ListColumn.TITLE, ListColumn.FIRST_NAME,
                ListColumn.LAST_NAME, ListColumn.EMAIL, ListColumn.PREFERENCE_SET_AT, ListColumn.PREFERENCE_CHANNEL);

        assertThat(sharedColumns.set(northern, List.of("email", "id", "postcode")))
                .containsExactly(ListColumn.ID, ListColumn.EMAIL, ListColumn.POSTCODE);
        assertThatThrownBy(() -> sharedColumns.set(northern, List.of("id", "date_of_birth")))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo(SharedColumns.FIELD);
                            assertThat(error.message())
                                    .startsWith("names a column that is not known; the columns are id,");
                        }));
        assertThat(sharedColumns.of(northern)).containsExactly(ListColumn.ID, ListColumn.EMAIL, ListColumn.POSTCODE);
        assertThat(sharedColumns.set(northern, List.of())).isEmpty();
        assertThat(sharedColumns.of(southern)).hasSize(7);
        assertThatThrownBy(() -> sharedColumns.of(999_999)).isInstanceOf(NotFoundException.class);
    }
}
