package org.stagedoor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.cli.CommandLine.UsageException;
import org.stagedoor.security.Accounts;

/**
 * {@code create-admin --email … --name … [--password-stdin]}: a venue's first administrator (or another one), made
 * where no one can sign in to the console yet. Without {@code --password-stdin} it prints a single-use link to
 * choose the password, valid for a day; with it, the first line of standard input is the password. A taken address
 * or a bad value is a usage error (exit 2) in words.
 */
@Component
class CreateAdminCommand {

    static final String NAME = "create-admin";

    static final String PASSWORD_STDIN = "password-stdin";

    private static final Set<String> OPTIONS = Set.of("email", "name", PASSWORD_STDIN);

    private static final Duration LINK_VALID_FOR = Duration.ofHours(24);

    private final Accounts accounts;

    CreateAdminCommand(Accounts accounts) {
        this.accounts = accounts;
    }

    int run(Options options, InputStream in, PrintStream out, PrintStream err) throws IOException {
        options.allowOnly(OPTIONS);
        String email = options.required("email");
        String name = options.required("name");
        try {
            if (options.flag(PASSWORD_STDIN)) {
                accounts.createAdministrator(email, name, firstLine(in));
                out.println("Administrator " + email.strip() + " created. Sign in with that address and the password"
                        + " given.");
            }
            else {
                String link = accounts.createAdministratorWithLink(email, name, LINK_VALID_FOR,
                        "command line (" + System.getProperty("user.name") + ")");
                out.println("Administrator " + email.strip() + " created. To choose the password, open this link"
                        + " within 24 hours (it works once):");
                out.println(link);
            }
            return CommandLine.OK;
        }
        catch (InvalidRequestException ex) {
            throw new UsageException(NAME + ": " + words(ex));
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new UsageException(NAME + ": --password-stdin reads the password from the first line of standard"
                    + " input, and it was empty");
        }
        return line;
    }

    private static String words(InvalidRequestException ex) {
        return String.join("; ", ex.errors().stream().map(error -> switch (error.field()) {
            case "email" -> "the email address: " + error.message();
            case "displayName" -> "the name: " + error.message();
            case "password" -> "the password: " + error.message();
            default -> error.message();
        }).toList());
    }
}
