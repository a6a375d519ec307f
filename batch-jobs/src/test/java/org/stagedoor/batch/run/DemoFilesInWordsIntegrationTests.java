package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.batch.customerlist.GroupBy;
import org.stagedoor.batch.customerlist.PurchaseKind;
import org.stagedoor.batch.customerlist.SetOperator;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.CustomerKind;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.order.TicketStatus;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.relationship.Side;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report of the catalogue, run on the demo venue (the generator's demo settings) as XLSX and as CSV: no cell
 * of any sheet holds a code as the store keeps it, such as {@code ONLINE_CHECKOUT} or {@code NOT_ASKED}
 * (issue 15 item 6: codes written as words).
 */
@SpringBootTest
class DemoFilesInWordsIntegrationTests extends StoreIntegrationTest {

    /** An enum constant's shape: upper-case words joined by underscores. */
    private static final Pattern CODE = Pattern.compile("[A-Z]+(_[A-Z]+)+");

    @Autowired
    VenueDataGenerator generator;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    ReportSettings settings;

    @Test
    @DisplayName("covers issue 15 item 6: no data cell of the demo venue's files holds an enum name")
    void noCellOfTheDemoVenuesFilesHoldsACode() throws IOException {
        FileSystemUtils.deleteRecursively(settings.directory().toFile());
        generator.generate(GeneratorSettings.demo(), line -> { });
        long partner = jdbc.sql("""
                select epc.partner_company_id from event_partner_company epc
                  join event_instance ei on ei.event_id = epc.event_id
                  join ticket t on t.event_instance_id = ei.id
                 group by epc.partner_company_id order by count(*) desc, epc.partner_company_id limit 1
                """).query(Long.class).single();
        // The company most customers said yes to, for the lists, sharing every column its lists can ask for.
        long consenting = jdbc.sql("""
                select partner_company_id from partner_preference where state = 'YES'
                 group by partner_company_id order by count(*) desc, partner_company_id limit 1
                """).query(Long.class).single();
        jdbc.sql("""
                update partner_company
                   set shared_columns = '{id,title,first_name,last_name,organisation_name,name,email,phone,mobile,\
                postcode,preference_set_at,preference_channel}'
                 where id = :id
                """).param("id", consenting).update();
        Map<String, String> year = Map.of("period", "last-365-days");
        List<RunRequest> requests = new ArrayList<>();
        for (OutputFormat format : OutputFormat.values()) {
            for (String report : List.of("partner-event-sales", "partner-instance-sales", "partner-customer-behaviour",
                    "partner-demographics")) {
                requests.add(new RunRequest(report, partner, year, format, "tests"));
            }
            requests.add(new RunRequest("partner-optin-list", consenting, Map.of(), format, "tests"));
            requests.add(new RunRequest("facilitated-sales", null, year, format, "tests"));
            requests.add(new RunRequest("customer-list", consenting, Map.of("list", """
                    {"name": "Everyone who said yes", "segments": [
                      {"type": "partner-preference", "partnerCompany": "run", "states": ["YES"]},
                      {"operator": "OR", "type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                       "period": "last-365-days"}],
                     "columns": ["id", "title", "name", "email", "postcode", "preference_set_at",
                                 "preference_channel"]}
                    """), format, "tests"));
            requests.add(new RunRequest("customer-list", null, Map.of("list", """
                    {"name": "Donors", "segments": [
                      {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["DONATION", "MEMBERSHIP", "TICKET"],
                       "minAmount": 1}],
                     "columns": ["id", "title", "name", "organisation_name", "email", "phone", "mobile", "postcode"]}
                    """), format, "tests"));
        }

        Set<String> codes = codes();
        long cells = 0;
        Set<String> channels = new TreeSet<>();
        for (RunRequest request : requests) {
            ReportRun run = launcher.run(request);
            assertThat(run.status()).as(request.reportId() + " " + run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
            List<String> texts = request.format() == OutputFormat.XLSX ? xlsxTexts(Path.of(run.location()))
                    : csvTexts(Path.of(run.location()));
            cells += texts.size();
            if (request.partnerCompanyId() != null && request.partnerCompanyId() == consenting) {
                texts.stream().filter(text -> text.equals("Online checkout") || text.equals("Box office"))
                        .forEach(channels::add);
            }
            assertThat(texts).as(request.reportId() + " " + request.format())
                    .noneMatch(codes::contains)
                    .noneMatch(text -> CODE.matcher(text).matches());
        }
        // The demo venue gives every report something to say, the lists their consents' channels in words.
        assertThat(cells).isGreaterThan(10_000);
        assertThat(channels).containsExactly("Box office", "Online checkout");
    }

    /**
     * Every constant of the enums whose values the store keeps as text, but a relationship's sides A and B: one
     * letter is also a postcode area (Birmingham's B) in the demographics.
     */
    private static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        Stream.of(PreferenceChannel.class, PreferenceState.class, OrderChannel.class, TicketStatus.class,
                CustomerKind.class, CreatedChannel.class, Side.class, GroupBy.class, SetOperator.class,
                PurchaseKind.class, RunStatus.class, OutputFormat.class)
                .forEach(family -> Stream.of(family.getEnumConstants()).map(Enum::name)
                        .filter(code -> code.length() > 1).forEach(codes::add));
        return codes;
    }

    /** The text of every cell of every sheet, the About sheet too. */
    private static List<String> xlsxTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.STRING) {
                            texts.add(cell.getStringCellValue());
                        }
                    }
                }
            }
        }
        return texts;
    }

    /** Every field of the file, quotes aside. */
    private static List<String> csvTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                com.opencsv.CSVReader csv = new com.opencsv.CSVReader(reader)) {
            for (String[] row : csv) {
                texts.addAll(List.of(row));
            }
        }
        return texts;
    }
}
