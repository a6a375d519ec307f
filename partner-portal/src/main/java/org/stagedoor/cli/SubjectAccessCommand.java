package org.stagedoor.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.stagedoor.admin.SharingOperations;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.cli.CommandLine.UsageException;
import org.stagedoor.web.Words;

/**
 * {@code subject-access --customer 123 [--format text|json]}: every partner company and recipient that received
 * the customer's data, when and in which run, and the withdrawal notices sent about them (R-6, P-8). Recorded in the
 * audit log like the console's lookups. An unknown customer fails (exit 1) with a message; times are in UTC.
 */
@Component
class SubjectAccessCommand {

    static final String NAME = "subject-access";

    private static final Set<String> OPTIONS = Set.of("customer", "format");

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final SharingOperations sharing;

    private final Words words;

    private final JsonMapper json;

    SubjectAccessCommand(SharingOperations sharing, Words words, JsonMapper json) {
        this.sharing = sharing;
        this.words = words;
        this.json = json;
    }

    int run(Options options, PrintStream out, PrintStream err) {
        options.allowOnly(OPTIONS);
        long customer = customer(options);
        String format = format(options);
        SubjectAccess.Report report;
        try {
            report = sharing.subjectAccess(customer, "command line (" + System.getProperty("user.name") + ")");
        }
        catch (NotFoundException ex) {
            err.println("subject-access: no customer with id " + customer);
            return CommandLine.FAILED;
        }
        if (format.equals("json")) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        else {
            text(report, out);
        }
        return CommandLine.OK;
    }

    /** The console's subject-access page as text: the same facts in the same words. */
    private void text(SubjectAccess.Report report, PrintStream out) {
        out.println((report.name() == null ? "(erased)" : report.name()) + " (customer " + report.customerId() + ")"
                + (report.email() == null ? "" : ", " + report.email())
                + (report.erased() ? ", erased " + at(report.erasedAt()) : ""));
        if (report.shared().isEmpty()) {
            out.println("No partner company has received this customer's data.");
        }
        else {
            out.println("Shared with " + count(report.partnerCompanies().size(), "partner company",
                    "partner companies") + " (" + String.join(", ", report.partnerCompanies()) + ") in "
                    + count(report.shared().size(), "run", "runs") + ", newest first:");
        }
        for (SubjectAccess.SharedRun run : report.shared()) {
            out.println();
            out.println("  Run " + run.runId() + ": " + words.report(run.reportId()) + ", for " + run.partnerName());
            out.println("    Data as it stood at " + at(run.cutoffAt()) + "; file made " + at(run.madeAt()) + "; "
                    + (run.fileAvailable() ? "kept until " + at(run.expiresAt())
                            : "deleted " + at(run.fileDeletedAt())));
            out.println("    Consent then: " + Words.label(run.consentState())
                    + (run.consentSetAt() == null ? "" : ", set " + at(run.consentSetAt()))
                    + (run.consentChannel() == null ? "" : " (" + Words.label(run.consentChannel()) + ")"));
            out.println("    Email shared: " + (run.sharedEmail() == null ? "none" : run.sharedEmail()));
            if (run.recipients().isEmpty()) {
                out.println("    Received by: nobody recorded");
            }
            for (RunRecipients.Recipient recipient : run.recipients()) {
                out.println("    Received by " + recipient.recipient() + " (" + Words.label(recipient.kind()) + ", "
                        + Words.inSentence(recipient.how()) + ", " + at(recipient.firstAt()) + ")");
            }
        }
        out.println();
        if (report.notices().isEmpty()) {
            out.println("Withdrawal notices: none sent.");
        }
        else {
            out.println("Withdrawal notices (partner companies told in a later file):");
        }
        for (SubjectAccess.Notice notice : report.notices()) {
            out.println("  Run " + notice.runId() + ", to " + notice.partnerName() + ": "
                    + Words.label(notice.state()) + " since " + at(notice.withdrawnAt()) + "; sent "
                    + at(notice.sentAt()) + "; email they hold: "
                    + (notice.sharedEmail() == null ? "none" : notice.sharedEmail()));
        }
    }

    private static String count(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private static String at(Instant instant) {
        return instant == null ? "-" : AT.format(instant);
    }

    private static long customer(Options options) {
        String value = options.values().get("customer");
        if (value == null) {
            throw new UsageException("subject-access needs --customer <customer id>");
        }
        if (!value.strip().matches("\\d{1,18}")) {
            throw new UsageException("--customer must be a customer id (a whole number), not '" + value + "'");
        }
        return Long.parseLong(value.strip());
    }

    private static String format(Options options) {
        String format = options.values().getOrDefault("format", "text").strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format must be text or json, not '" + options.values().get("format") + "'");
        }
        return format;
    }
}
