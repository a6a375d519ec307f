package org.stagedoor.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.cli.CommandLine.UsageException;

/**
 * {@code subject-access --customer 123 [--format text|json]}: every partner company and recipient that received
 * the customer's data, when and in which run, and the withdrawal notices sent about them (R-6, P-8). Recorded in the
 * audit log like the console's lookups. An unknown customer fails (exit 1) with a message; times are UTC.
 */
@Component
class SubjectAccessCommand {

    static final String NAME = "subject-access";

    private static final Set<String> OPTIONS = Set.of("customer", "format");

    private final SubjectAccess subjectAccess;

    private final AuditLog audit;

    private final JsonMapper json;

    SubjectAccessCommand(SubjectAccess subjectAccess, AuditLog audit, JsonMapper json) {
        this.subjectAccess = subjectAccess;
        this.audit = audit;
        this.json = json;
    }

    int run(Options options, PrintStream out, PrintStream err) {
        options.allowOnly(OPTIONS);
        long customer = customer(options);
        String format = format(options);
        SubjectAccess.Report report;
        try {
            report = subjectAccess.of(customer);
        }
        catch (NotFoundException ex) {
            err.println("subject-access: no customer with id " + customer);
            return CommandLine.FAILED;
        }
        audit.record("command line (" + System.getProperty("user.name") + ")", AuditLog.Kind.SUBJECT_ACCESS, null,
                null, (long) report.shared().size(), report.summary());
        if (format.equals("json")) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        else {
            text(report, out);
        }
        return CommandLine.OK;
    }

    private static void text(SubjectAccess.Report report, PrintStream out) {
        out.println("Customer " + report.customerId() + ": " + (report.name() == null ? "(no name)" : report.name())
                + (report.email() == null ? "" : " <" + report.email() + ">")
                + (report.erased() ? ", erased " + report.erasedAt() : ""));
        out.println("Shared in " + report.shared().size() + " run(s) with " + report.partnerCompanies().size()
                + " partner company(ies)" + (report.shared().isEmpty() ? "." : ", newest first:"));
        for (SubjectAccess.SharedRun run : report.shared()) {
            out.println("  run " + run.runId() + "  " + run.reportId() + "  " + run.partnerName() + " (partner company "
                    + run.partnerCompanyId() + ")  cut-off " + run.cutoffAt() + "  made " + at(run.madeAt()) + "  file "
                    + (run.fileAvailable() ? "kept until " + at(run.expiresAt())
                            : "deleted " + at(run.fileDeletedAt())));
            out.println("    consent " + run.consentState()
                    + (run.consentSetAt() == null ? "" : " set " + run.consentSetAt())
                    + (run.consentChannel() == null ? "" : " via " + run.consentChannel())
                    + "; email shared: " + (run.sharedEmail() == null ? "(none)" : run.sharedEmail()));
            if (run.recipients().isEmpty()) {
                out.println("    received by: nobody recorded");
            }
            for (RunRecipients.Recipient recipient : run.recipients()) {
                out.println("    received by " + recipient.recipient() + " (" + recipient.kind() + ", "
                        + recipient.how() + ", first " + recipient.firstAt() + ", last " + recipient.lastAt() + ")");
            }
        }
        out.println("Withdrawal notices: " + report.notices().size());
        for (SubjectAccess.Notice notice : report.notices()) {
            out.println("  run " + notice.runId() + "  " + notice.partnerName() + " (partner company "
                    + notice.partnerCompanyId() + ")  " + notice.state() + " since " + notice.withdrawnAt() + "  sent "
                    + at(notice.sentAt()) + "  email they hold: "
                    + (notice.sharedEmail() == null ? "(none)" : notice.sharedEmail()));
        }
    }

    private static String at(Instant instant) {
        return instant == null ? "-" : instant.toString();
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
