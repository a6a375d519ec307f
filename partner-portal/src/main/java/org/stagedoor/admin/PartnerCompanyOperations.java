package org.stagedoor.admin;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.saved.SavedReportOperations;
import org.stagedoor.security.StagedoorUser;

/**
 * An administrator's create and change of a partner company (P-1), its grants of the venue's saved reports
 * and the personal-data columns its files may hold, each checked and audited in the transaction that makes
 * it: the console's pages and its JSON API both act through here.
 */
@Component
class PartnerCompanyOperations {

    private final PartnerCompanies companies;

    private final SavedReports saved;

    private final SavedReportOperations savedOperations;

    private final SharedColumns sharedColumns;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    PartnerCompanyOperations(PartnerCompanies companies, SavedReports saved, SavedReportOperations savedOperations,
            SharedColumns sharedColumns, AuditLog audit, PlatformTransactionManager transactions) {
        this.companies = companies;
        this.saved = saved;
        this.savedOperations = savedOperations;
        this.sharedColumns = sharedColumns;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A partner company as written on the page's form or in the API's body. */
    record CompanyRequest(String name, boolean collectsPreferences, String webDescription) {
    }

    /**
     * Saves a new partner company.
     *
     * @throws InvalidRequestException on {@code name} when the name is blank or taken; nothing is saved
     */
    PartnerCompany create(CompanyRequest request, String actor) {
        return refusedAsName(() -> transaction.execute(status -> {
            PartnerCompany created = companies.create(request.name(), request.collectsPreferences(),
                    request.webDescription());
            audit.adminChange(actor, "created partner company " + created.id() + " '" + created.name()
                    + "'" + (created.collectsPreferences() ? ", collecting contact preferences" : ""));
            return created;
        }));
    }

    /**
     * Saves a partner company's new name, choice and description; the audit entry says what changed.
     *
     * @throws NotFoundException when there is no such company
     * @throws InvalidRequestException on {@code name} when the name is blank or taken; nothing is saved
     */
    PartnerCompany update(long id, CompanyRequest request, String actor) {
        PartnerCompany before = companies.get(id);
        return refusedAsName(() -> transaction.execute(status -> {
            PartnerCompany after = companies.update(id, request.name(), request.collectsPreferences(),
                    request.webDescription());
            audit.adminChange(actor, "changed partner company " + id + ": " + changes(before, after));
            return after;
        }));
    }

    /**
     * Grants exactly these of the venue's saved reports to the company, the others revoked, and whether its users
     * may build customer lists of their own.
     *
     * @param buildsOwnLists null leaves it as it is
     * @throws NotFoundException when there is no such company
     * @throws InvalidRequestException on {@code savedReports} when there is no list of them
     */
    void grant(StagedoorUser admin, long id, Collection<Long> savedReports, Boolean buildsOwnLists) {
        companies.get(id);
        if (savedReports == null || savedReports.stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("savedReports", "give the list of saved reports to grant");
        }
        savedOperations.grantToCompany(admin, id, savedReports,
                buildsOwnLists == null ? saved.buildsOwnLists(id) : buildsOwnLists);
    }

    /** The names of the personal-data columns the company's files may hold. */
    List<String> sharedColumns(long id) {
        return names(sharedColumns.of(id));
    }

    /**
     * Sets exactly these personal-data columns for the company (its data-sharing agreement), and audits the change
     * from what it was.
     *
     * @return the names of the columns now shared
     * @throws NotFoundException when there is no such company
     * @throws InvalidRequestException on {@link SharedColumns#FIELD} when there is no list or a name is not known;
     *         nothing changes
     */
    List<String> shareColumns(long id, List<String> columns, String actor) {
        PartnerCompany company = companies.get(id);
        if (columns == null) {
            throw new InvalidRequestException(SharedColumns.FIELD, "give the list of column names");
        }
        return transaction.execute(status -> {
            List<String> before = names(sharedColumns.of(company.id()));
            List<String> after = names(sharedColumns.set(company.id(), columns));
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, company.id(), null, null,
                    "set the personal-data columns partner company " + company.id() + " '" + company.name()
                            + "' may receive from [" + String.join(", ", before) + "] to ["
                            + String.join(", ", after) + "]");
            return after;
        });
    }

    private static List<String> names(List<ListColumn> columns) {
        return columns.stream().map(ListColumn::columnName).toList();
    }

    /** A company the booking rules refuse (a blank or taken name) is refused on its name, where the form has it. */
    private static <T> T refusedAsName(Supplier<T> change) {
        try {
            return change.get();
        }
        catch (BookingRuleViolation ex) {
            throw new InvalidRequestException("name", ex.words());
        }
    }

    private static String changes(PartnerCompany before, PartnerCompany after) {
        StringBuilder changes = new StringBuilder();
        if (!before.name().equals(after.name())) {
            changes.append("name '").append(before.name()).append("' -> '").append(after.name()).append("'; ");
        }
        if (before.collectsPreferences() != after.collectsPreferences()) {
            changes.append(after.collectsPreferences() ? "now collects" : "no longer collects")
                    .append(" contact preferences; ");
        }
        if (!before.webDescription().equals(after.webDescription())) {
            changes.append("web description changed; ");
        }
        return changes.length() == 0 ? "nothing changed" : changes.substring(0, changes.length() - 2);
    }
}
