package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.DevMailbox;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** The dev mailbox opens messages: an invitation is read and followed, an attachment downloaded as sent. */
class DevMailboxPagesIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Pattern INVITATION = Pattern.compile(
            "<a href=\"http://localhost:8080(/invitation\\?token=[A-Za-z0-9_-]+)\">Choose your password</a>");

    @Autowired
    PartnerCompanies companies;

    @Autowired
    DevMailbox mailbox;

    @Autowired
    JavaMailSender mailSender;

    @Test
    void anInvitationIsListedOpenedAndItsLinkLeadsToTheSetPasswordPage() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        mvc.perform(post("/admin/partners/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .param("displayName", "Grace Hopper").param("email", "grace@northern.example"))
                .andExpect(status().is3xxRedirection());
        int number = numberOfTheMailTo("grace@northern.example");

        mvc.perform(get("/admin/mailbox").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<a href=\"/admin/mailbox/" + number
                        + "\">Your Stagedoor account</a>")));
        String page = mvc.perform(get("/admin/mailbox/{n}", number).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Your Stagedoor account</h1>"),
                        containsString("<dt>From</dt><dd>reports@stagedoor.local</dd>"),
                        containsString("<dt>To</dt><dd>grace@northern.example</dd>"),
                        containsString("<iframe src=\"/admin/mailbox/" + number + "/html\""),
                        containsString("Hello Grace Hopper, an account has been created for you on Stagedoor"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).as("the plain text's link is a link too")
                .containsPattern("Choose your password: <a href=\"http://localhost:8080/invitation\\?token=[A-Za-z0-9_-]+\">");

        String html = mvc.perform(get("/admin/mailbox/{n}/html", number).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/html;charset=UTF-8"))
                .andExpect(header().string("Content-Security-Policy", DevMailboxController.MAIL_HTML_POLICY))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).startsWith("<base target=\"_top\"><p>Hello Grace Hopper, an account has been created");
        Matcher link = INVITATION.matcher(html);
        assertThat(link.find()).as(html).isTrue();

        mvc.perform(get(link.group(1)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Choose your password"),
                        containsString("type=\"password\""))));
    }

    @Test
    void anAttachmentIsDownloadedAsSentWithItsNameAndType() throws Exception {
        byte[] workbook = new byte[3000];
        for (int i = 0; i < workbook.length; i++) {
            workbook[i] = (byte) (i * 7);
        }
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("reports@stagedoor.local");
        helper.setTo("files@venue.example");
        helper.setSubject("Weekly sales");
        helper.setText("The file is attached.");
        helper.addAttachment("Ventes été.xlsx", new ByteArrayResource(workbook),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        mailSender.send(message);
        int number = numberOfTheMailTo("files@venue.example");

        mvc.perform(get("/admin/mailbox/{n}", number).with(as(admin)))
                .andExpect(content().string(allOf(
                        containsString("<a href=\"/admin/mailbox/" + number
                                + "/attachments/1\" download>Ventes été.xlsx</a>"),
                        containsString("2.9 KB"), containsString("The file is attached."))));
        byte[] downloaded = mvc.perform(get("/admin/mailbox/{n}/attachments/1", number).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"Ventes ete.xlsx\"; filename*=UTF-8''Ventes%20%C3%A9t%C3%A9.xlsx"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(workbook);

        mvc.perform(get("/admin/mailbox/{n}/attachments/2", number).with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/mailbox/{n}/html", number).with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/mailbox/{n}", 100_000).with(as(admin))).andExpect(status().isNotFound());
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts,
                companies.create("Northern Lights", true, "").id(), "user@northern.example");
        mvc.perform(get("/admin/mailbox/{n}/attachments/1", number).with(as(partnerUser)))
                .andExpect(status().isForbidden());
    }

    /** The newest message to this address (the mailbox keeps earlier test classes' mail too). */
    private int numberOfTheMailTo(String address) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messages().stream()
                .anyMatch(message -> message.recipients().contains(address)));
        return mailbox.messages().stream().filter(message -> message.recipients().contains(address))
                .mapToInt(DevMailbox.Message::number).max().orElseThrow();
    }
}
