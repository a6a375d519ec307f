package org.stagedoor.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.imports.ImportOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * The console's import page (issue 16 item 2): the example venue's files uploaded and imported in the background, its
 * page showing their counts in words and the import audited in one entry; a refused row listed with its file, line,
 * column and reason, nothing applied, and the refusal audited too.
 */
class ImportPageIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "import", "example");

    @Autowired
    ImportOperations imports;

    @Autowired
    DataSource dataSource;

    @Test
    void theExampleFilesAreImportedInTheBackgroundCountedInWordsAndAudited() throws Exception {
        mvc.perform(get("/admin/import").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Files exported by the ticketing system")));

        String page = importPage(upload(null, null));
        mvc.perform(get(page).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Every file was checked\n            and applied.")))
                .andExpect(content().string(containsString("<li>customers.csv: 5 rows: 5 added</li>")))
                .andExpect(content().string(containsString("<li>preferences.csv: 7 rows: 7 added</li>")))
                .andExpect(content().string(not(containsString("How far"))))
                .andExpect(content().string(not(containsString("http-equiv=\"refresh\""))));
        mvc.perform(get(page + "/progress").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.finished").value(true))
                .andExpect(jsonPath("$.files[0].file").value("partner-companies.csv"))
                .andExpect(jsonPath("$.files[0].progress").value(startsWith("3 rows, ")));

        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(5);
        assertThat(adminChanges()).singleElement().asString()
                .startsWith("Imported 15 files: 54 rows (54 added) in ")
                .contains(" s. partner-companies.csv: 3 rows: 3 added; relationship-types.csv: ");
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 1)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo(ADMIN))
                .satisfies(entry -> assertThat(entry.rowCount()).isEqualTo(54L));
    }

    @Test
    void aRefusedRowIsListedInWordsNothingIsImportedAndTheRefusalIsAudited() throws Exception {
        String orders = Files.readString(EXAMPLE.resolve("orders.csv")) + "O-7,C-100,C-100,online,2025-06-01 10:00\n";

        mvc.perform(get(importPage(upload("orders.csv", orders))).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nothing was imported: <span>1</span>")))
                .andExpect(content().string(containsString("<td>orders.csv</td>\n                <td>8</td>\n"
                        + "                <td>facilitator_id</td>\n"
                        + "                <td>The person making an order and the"
                        + " person it is for must be different customers.</td>")))
                .andExpect(content().string(not(containsString("Every file was checked"))));

        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isZero();
        assertThat(adminChanges()).containsExactly("Import refused: 1 row was refused, so nothing was applied."
                + " orders.csv, line 8, column facilitator_id: The person making an order and the person it is for"
                + " must be different customers.");
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 1).get(0).rowCount()).isNull();
    }

    @Test
    void aSecondUploadWhileAnImportRunsIsRefusedWithALinkToIt() throws Exception {
        // The first import waits for the customer table, held by this test, so that it is still running.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table customer in share mode");
            }
            String running = mvc.perform(upload(null, null).with(as(admin)).with(csrf()))
                    .andExpect(status().is3xxRedirection())
                    .andReturn().getResponse().getRedirectedUrl();

            mvc.perform(upload(null, null).with(as(admin)).with(csrf()))
                    .andExpect(status().isConflict())
                    .andExpect(content().string(containsString("An import started by admin@venue.example is still"
                            + " running; wait until it has ended.")))
                    .andExpect(content().string(containsString("href=\"" + running + "\"")));
            mvc.perform(get(running).with(as(admin)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Importing the files uploaded by")))
                    .andExpect(content().string(containsString("<meta http-equiv=\"refresh\" content=\"3\">")));
            holder.rollback();
            await().atMost(Duration.ofSeconds(60)).until(() -> imports.running().isEmpty());
        }
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(5);
        assertThat(adminChanges()).singleElement().asString().startsWith("Imported 15 files: 54 rows (54 added)");
    }

    @Test
    void anImportNoLongerKnownIsSaidSo() throws Exception {
        mvc.perform(get("/admin/import/{id}", "not-an-import").with(as(admin)))
                .andExpect(status().isNotFound());
    }

    @Test
    void anUploadWithoutFilesAsksForThem() throws Exception {
        mvc.perform(multipart("/admin/import").with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose the files to import first.")));
    }

    /** Uploads, follows the redirect to the import's page and waits there until the import has ended. */
    private String importPage(MockMultipartHttpServletRequestBuilder upload) throws Exception {
        String page = mvc.perform(upload.with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(page).startsWith("/admin/import/");
        await().atMost(Duration.ofSeconds(60)).until(() -> imports.progress(page.substring(page.lastIndexOf('/') + 1))
                .orElseThrow().finished());
        return page;
    }

    /** Every example file, one of them replaced by {@code text} when given. */
    private static MockMultipartHttpServletRequestBuilder upload(String replaced, String text) throws IOException {
        MockMultipartHttpServletRequestBuilder request = multipart("/admin/import");
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                byte[] bytes = name.equals(replaced) ? text.getBytes(StandardCharsets.UTF_8)
                        : Files.readAllBytes(file);
                request.file(new MockMultipartFile("files", name, "text/csv", bytes));
            }
        }
        return request;
    }
}
