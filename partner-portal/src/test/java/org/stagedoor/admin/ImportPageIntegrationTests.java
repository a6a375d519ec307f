package org.stagedoor.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * The console's import page (issue 16 item 2): the example venue's files uploaded and imported with their counts in
 * words and the upload audited; a refused row listed with its file, line, column and reason, nothing applied.
 */
class ImportPageIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "import", "example");

    @Test
    void theExampleFilesAreImportedAndCountedInWords() throws Exception {
        mvc.perform(get("/admin/import").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Files exported by the ticketing system")));

        mvc.perform(upload(null, null).with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Imported. Every file was checked and applied.")))
                .andExpect(content().string(containsString("<li>customers.csv: 5 rows: 5 added</li>")))
                .andExpect(content().string(containsString("<li>preferences.csv: 7 rows: 7 added</li>")));

        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(5);
        assertThat(adminChanges()).singleElement().asString()
                .startsWith("imported partner-companies.csv 3 rows: 3 added;");
    }

    @Test
    void aRefusedRowIsListedInWordsAndNothingIsImported() throws Exception {
        String orders = Files.readString(EXAMPLE.resolve("orders.csv")) + "O-7,C-100,C-100,online,2025-06-01 10:00\n";

        mvc.perform(upload("orders.csv", orders).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Nothing was imported: <span>1</span>")))
                .andExpect(content().string(containsString("<td>orders.csv</td>\n                <td>8</td>\n"
                        + "                <td>facilitator_id</td>\n"
                        + "                <td>The person making an order and the"
                        + " person it is for must be different customers.</td>")))
                .andExpect(content().string(not(containsString("Imported. Every file"))));

        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isZero();
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void anUploadWithoutFilesAsksForThem() throws Exception {
        mvc.perform(multipart("/admin/import").with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose the files to import first.")));
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
