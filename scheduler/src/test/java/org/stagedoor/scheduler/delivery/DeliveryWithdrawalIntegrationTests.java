package org.stagedoor.scheduler.delivery;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.stagedoor.batch.run.ReportRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report mail tells its partner company which customers withdrew (or were erased) since their data was shared, from
 * the run's {@code withdrawal_notice} rows: covers R-6 and P-8.
 */
class DeliveryWithdrawalIntegrationTests extends DeliveryIntegrationTest {

    @Test
    void theMailOfARunWithWithdrawalNoticesListsTheirCustomersAndSaysTheyMustNoLongerBeContacted() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = optInList();
        notice(run, 5, "ERASED", "dee@example.org");
        notice(run, 2, "NO", "ben@example.org");
        notice(run, 6, "NOT_ASKED", null);
        Delivery delivery = recordOne(run, "ada@northern.example", DeliveryMode.ATTACHMENT);

        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(smtp.getReceivedMessages()).as("one mail, the section is part of it").hasSize(1);
        MimeMessage message = smtp.getReceivedMessages()[0];
        String plain = Mails.body(message, "text/plain");
        String html = Mails.body(message, "text/html");
        assertThat(plain).contains("Withdrawn since your last list",
                "3 customers whose details were shared with Northern Lights Productions have withdrawn",
                "They must no longer be contacted",
                "- Customer 2: ben@example.org (withdrew consent)",
                "- Customer 5: dee@example.org (erased at their request)",
                "- Customer 6: no email address was shared (consent no longer given)");
        assertThat(plain.indexOf("Customer 2:")).as("by customer id").isLessThan(plain.indexOf("Customer 5:"));
        assertThat(html).contains("<h2 id=\"withdrawn\"", "<li>Customer 2: ben@example.org (withdrew consent)</li>",
                "<li>Customer 5: dee@example.org (erased at their request)</li>");
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sender.sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theMailOfARunWithoutWithdrawalNoticesHasNoSuchSectionEvenIfAnotherRunHasSome() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun earlier = optInList();
        notice(earlier, 2, "NO", "ben@example.org");
        ReportRun run = optInList();
        recordOne(run, "ada@northern.example", DeliveryMode.LINK);

        sender.sendDue();

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(Mails.body(message, "text/plain")).doesNotContain("Withdrawn", "ben@example.org");
        assertThat(Mails.body(message, "text/html")).doesNotContain("Withdrawn", "ben@example.org");
    }

    @Test
    void beyondTwoHundredTheMailListsTheFirstAndPointsToTheFilesWithdrawnSheetForTheRest() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        jdbc.sql("""
                insert into customer (id, kind, first_name, last_name, email, created_channel)
                select 1000 + n, 'INDIVIDUAL', 'Many', 'Customer' || n, 'many' || n || '@example.org', 'ONLINE'
                  from generate_series(1, 205) n
                """).update();
        jdbc.sql("""
                insert into withdrawal_notice (run_id, customer_id, partner_company_id, state, withdrawn_at,
                                               shared_email)
                select :run, 1000 + n, 1, 'NO', now(), 'many' || n || '@example.org' from generate_series(1, 205) n
                """).param("run", run.id()).update();
        recordOne(run, "ada@northern.example", DeliveryMode.ATTACHMENT);

        sender.sendDue();

        String plain = Mails.body(smtp.getReceivedMessages()[0], "text/plain");
        assertThat(plain).contains("205 customers whose details", "- Customer 1001: many1@example.org",
                "- Customer 1200: many200@example.org",
                "… and 5 more (205 in all): the full list is in the \"Withdrawn\" sheet of the report file.")
                .doesNotContain("Customer 1201:");
        assertThat(plain.lines().filter(line -> line.startsWith("- Customer "))).hasSize(200);
    }

    private void notice(ReportRun run, long customerId, String state, String sharedEmail) {
        jdbc.sql("""
                insert into withdrawal_notice (run_id, customer_id, partner_company_id, state, withdrawn_at,
                                               shared_email)
                values (:run, :customer, 1, :state, now(), :email)
                """)
                .param("run", run.id()).param("customer", customerId).param("state", state).param("email", sharedEmail)
                .update();
    }
}
