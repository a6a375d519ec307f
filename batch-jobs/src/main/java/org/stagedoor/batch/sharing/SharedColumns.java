package org.stagedoor.batch.sharing;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.booking.NotFoundException;

/**
 * A partner company's data-sharing agreement: the personal-data columns, by customer-list column name,
 * that its files may contain ({@code partner_company.shared_columns}). Kept out of the {@code PartnerCompany}
 * aggregate, whose other fields the booking core owns; the database refuses any name outside the twelve too.
 */
@Component
public class SharedColumns {

    /** The field a refusal names, on the page's form and in the API. */
    public static final String FIELD = "sharedColumns";

    private final JdbcClient jdbc;

    SharedColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns the company may receive, in the order of {@link ListColumn}. */
    public List<ListColumn> of(long partnerCompanyId) {
        List<String> names = jdbc.sql("select shared_columns from partner_company where id = :partner")
                .param("partner", partnerCompanyId)
                .query((rs, row) -> ManifestRecords.texts(rs.getArray("shared_columns")))
                .optional()
                .orElseThrow(() -> new NotFoundException("partner company", partnerCompanyId));
        return Arrays.stream(ListColumn.values()).filter(column -> names.contains(column.columnName())).toList();
    }

    /** The names of the columns the company may receive (customer-list column names). */
    public List<String> namesOf(long partnerCompanyId) {
        return of(partnerCompanyId).stream().map(ListColumn::columnName).toList();
    }

    /**
     * Sets exactly these columns (none is allowed: the company then receives no personal data). Refused, with
     * nothing changed, when a name is not one of the customer-list columns.
     */
    @Transactional
    public List<ListColumn> set(long partnerCompanyId, Collection<String> names) {
        of(partnerCompanyId);
        List<String> known = Arrays.stream(ListColumn.values()).map(ListColumn::columnName).toList();
        if (names.stream().anyMatch(name -> name == null || ListColumn.named(name.strip()).isEmpty())) {
            throw new InvalidRequestException(FIELD, "names a column that is not known; the columns are "
                    + String.join(", ", known));
        }
        List<String> chosen = names.stream().map(String::strip).toList();
        String[] ordered = known.stream().filter(chosen::contains).toArray(String[]::new);
        jdbc.sql("update partner_company set shared_columns = cast(:columns as text[]) where id = :partner")
                .param("columns", ordered)
                .param("partner", partnerCompanyId)
                .update();
        return of(partnerCompanyId);
    }
}
