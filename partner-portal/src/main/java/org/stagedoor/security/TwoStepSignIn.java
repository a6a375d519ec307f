package org.stagedoor.security;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;

/**
 * Two-step sign-in: after the password, a 6-digit code from an authenticator app (TOTP, RFC 6238: SHA-1, 30-second
 * steps, the codes of the step before and after accepted too for a phone's clock that is a little off), or one of
 * ten single-use recovery codes. A code is accepted once: one of the step of the last code accepted, or of an earlier
 * one, is refused. The venue can require it of one partner company's users, or of everyone who can download
 * customers' personal data. The codes and the QR code come from a library (dev.samstevens.totp); the secrets are
 * stored encrypted ({@link TwoStepSecrets}), the recovery codes as password hashes. API tokens never ask for a code.
 */
@Service
public class TwoStepSignIn {

    /** What a person must still do after their password. */
    public enum Step {
        NONE, CODE, ENROL
    }

    /** What the code or recovery code given did. */
    public enum Outcome {
        ACCEPTED, WRONG, USED_ALREADY
    }

    /** An enrolment begun: the secret to type in by hand, and the same as a QR code (a PNG data URL). */
    public record Enrolment(String secret, String qrCodeDataUrl) {
    }

    static final int RECOVERY_CODES = 10;

    private static final long PERIOD_SECONDS = 30;

    private static final String ISSUER = "Stagedoor";

    private final JdbcClient jdbc;

    private final TwoStepSecrets secrets;

    private final PasswordEncoder passwords;

    private final AccountStore accounts;

    private final AuditLog audit;

    private final SavedReports saved;

    private final ReportCatalogue catalogue;

    private final Clock clock;

    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    TwoStepSignIn(JdbcClient jdbc, TwoStepSecrets secrets, PasswordEncoder passwords, AccountStore accounts,
            AuditLog audit, SavedReports saved, ReportCatalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.passwords = passwords;
        this.accounts = accounts;
        this.audit = audit;
        this.saved = saved;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Whether the account has two-step sign-in on (an enrolment proven with a code). */
    public boolean isOn(long accountId) {
        return jdbc.sql("select count(*) from two_step_secret where account_id = :id and confirmed_at is not null")
                .param("id", accountId).query(Integer.class).single() > 0;
    }

    /** How many of the account's recovery codes are still unused. */
    public int recoveryCodesLeft(long accountId) {
        return jdbc.sql("select count(*) from two_step_recovery_code where account_id = :id and used_at is null")
                .param("id", accountId).query(Integer.class).single();
    }

    /** What the person must do after their password: give a code, set two-step sign-in up, or nothing. */
    public Step stepAfterPassword(StagedoorUser user) {
        if (user.isApiToken()) {
            return Step.NONE;
        }
        if (isOn(user.accountId())) {
            return Step.CODE;
        }
        return isRequired(user) ? Step.ENROL : Step.NONE;
    }

    /**
     * Whether the venue requires two-step sign-in of this person: their partner company requires it, or the venue
     * requires it of everyone who can download customers' personal data and they can.
     */
    public boolean isRequired(StagedoorUser user) {
        if (user.isApiToken()) {
            return false;
        }
        if (user.partnerCompanyId() != null && isRequiredForCompany(user.partnerCompanyId())) {
            return true;
        }
        return isRequiredForPersonalData() && mayDownloadPersonalData(user);
    }

    /**
     * Administrators can download every personal-data report; a partner user can when their company is granted a
     * report that carries personal data (the opted-in customers, a customer list) or may build its own lists.
     */
    boolean mayDownloadPersonalData(StagedoorUser user) {
        if (user.isAdmin()) {
            return true;
        }
        long company = user.partnerCompanyId();
        return saved.buildsOwnLists(company) || saved.visibleTo(company).stream()
                .map(report -> catalogue.find(report.reportId()))
                .anyMatch(report -> report.map(ReportDefinition::personalData).orElse(false));
    }

    public boolean isRequiredForCompany(long partnerCompanyId) {
        return jdbc.sql("select two_step_required from partner_company where id = :id").param("id", partnerCompanyId)
                .query(Boolean.class).optional().orElseThrow(() -> new NotFoundException("partner company",
                        partnerCompanyId));
    }

    public boolean isRequiredForPersonalData() {
        return jdbc.sql("select two_step_for_personal_data from venue").query(Boolean.class).single();
    }

    /** Requires two-step sign-in of the company's users, or no longer; audited when it changes. */
    @Transactional
    public void requireForCompany(long partnerCompanyId, boolean required, String by) {
        boolean before = isRequiredForCompany(partnerCompanyId);
        if (before == required) {
            return;
        }
        jdbc.sql("update partner_company set two_step_required = :required where id = :id")
                .param("required", required).param("id", partnerCompanyId).update();
        String name = jdbc.sql("select name from partner_company where id = :id").param("id", partnerCompanyId)
                .query(String.class).single();
        audit.record(by, AuditLog.Kind.ADMIN_CHANGE, partnerCompanyId, null, null, required
                ? "required two-step sign-in of the users of " + name + " from their next sign-in"
                : "no longer requires two-step sign-in of the users of " + name);
    }

    /** Requires two-step sign-in of everyone who can download personal data, or no longer; audited when it changes. */
    @Transactional
    public void requireForPersonalData(boolean required, String by) {
        if (isRequiredForPersonalData() == required) {
            return;
        }
        jdbc.sql("update venue set two_step_for_personal_data = :required").param("required", required).update();
        audit.adminChange(by, required
                ? "required two-step sign-in of everyone who can download customers' personal data, from their"
                        + " next sign-in"
                : "no longer requires two-step sign-in of everyone who can download customers' personal data");
    }

    /**
     * A new secret for the person's authenticator app, replacing an enrolment begun and not finished; the one in use
     * stays until the new one is proven with a code. The secret is shown on the enrolment page only.
     */
    @Transactional
    public Enrolment begin(StagedoorUser user) {
        String secret = new DefaultSecretGenerator().generate();
        jdbc.sql("""
                insert into two_step_secret (account_id, secret_sealed) values (:id, :sealed)
                on conflict (account_id) do update
                   set secret_sealed = excluded.secret_sealed, created_at = now(), last_time_step = null
                 where two_step_secret.confirmed_at is null
                """).param("id", user.accountId()).param("sealed", secrets.seal(secret)).update();
        return pending(user).orElseThrow(() -> new IllegalStateException("two-step sign-in is on already"));
    }

    /** The enrolment begun and not yet proven, if any: shown again when the page is reloaded. */
    public Optional<Enrolment> pending(StagedoorUser user) {
        return jdbc.sql("select secret_sealed from two_step_secret where account_id = :id and confirmed_at is null")
                .param("id", user.accountId()).query(String.class).optional()
                .map(sealed -> enrolment(user, secrets.open(sealed)));
    }

    /**
     * Finishes the enrolment with the first code the app shows: on from now, and ten new recovery codes, returned
     * here only (just their hashes are kept).
     *
     * @return the recovery codes, or empty when the code was wrong (nothing changes)
     */
    @Transactional
    public Optional<List<String>> confirm(StagedoorUser user, String code) {
        Optional<String> secret = jdbc.sql("""
                select secret_sealed from two_step_secret where account_id = :id and confirmed_at is null for update
                """).param("id", user.accountId()).query(String.class).optional().map(secrets::open);
        if (secret.isEmpty() || check(user.accountId(), secret.get(), code) != Outcome.ACCEPTED) {
            return Optional.empty();
        }
        jdbc.sql("update two_step_secret set confirmed_at = now() where account_id = :id")
                .param("id", user.accountId()).update();
        List<String> recovery = newRecoveryCodes(user.accountId());
        audit.record(user.email(), AuditLog.Kind.PASSWORD_SET, user.partnerCompanyId(), null, null,
                "turned on two-step sign-in with an authenticator app");
        return Optional.of(recovery);
    }

    /** Checks a code from the person's authenticator app at sign-in; an accepted one cannot be used again. */
    @Transactional
    public Outcome checkCode(StagedoorUser user, String code) {
        Optional<String> secret = jdbc.sql("""
                select secret_sealed from two_step_secret
                 where account_id = :id and confirmed_at is not null for update
                """).param("id", user.accountId()).query(String.class).optional().map(secrets::open);
        return secret.isEmpty() ? Outcome.WRONG : check(user.accountId(), secret.get(), code);
    }

    /**
     * New recovery codes in place of the old ones, proven with a code from the app.
     *
     * @return the new codes, shown once; empty when the code was wrong or used already
     */
    @Transactional
    public Optional<List<String>> renewRecoveryCodes(StagedoorUser user, String code) {
        if (checkCode(user, code) != Outcome.ACCEPTED) {
            return Optional.empty();
        }
        List<String> recovery = newRecoveryCodes(user.accountId());
        audit.record(user.email(), AuditLog.Kind.PASSWORD_SET, user.partnerCompanyId(), null, null,
                "made new recovery codes for two-step sign-in");
        return Optional.of(recovery);
    }

    /**
     * Turns two-step sign-in off, proven with a code from the app; never for someone the venue requires it of.
     *
     * @return whether it is off now
     */
    @Transactional
    public boolean turnOff(StagedoorUser user, String code) {
        if (isRequired(user) || checkCode(user, code) != Outcome.ACCEPTED) {
            return false;
        }
        jdbc.sql("delete from two_step_recovery_code where account_id = :id").param("id", user.accountId()).update();
        jdbc.sql("delete from two_step_secret where account_id = :id").param("id", user.accountId()).update();
        audit.record(user.email(), AuditLog.Kind.PASSWORD_SET, user.partnerCompanyId(), null, null,
                "turned off two-step sign-in");
        return true;
    }

    /** Uses one of the person's recovery codes, once. */
    @Transactional
    public Outcome useRecoveryCode(StagedoorUser user, String code) {
        String given = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (given.isEmpty() || given.length() > 40) {
            return Outcome.WRONG;
        }
        record Stored(long id, String hash) {
        }
        List<Stored> unused = jdbc.sql("""
                select id, code_hash as hash from two_step_recovery_code where account_id = :id and used_at is null
                 order by id for update
                """).param("id", user.accountId()).query(Stored.class).list();
        for (Stored stored : unused) {
            if (passwords.matches(given, stored.hash())) {
                jdbc.sql("update two_step_recovery_code set used_at = now() where id = :id")
                        .param("id", stored.id()).update();
                return Outcome.ACCEPTED;
            }
        }
        return Outcome.WRONG;
    }

    /**
     * An administrator's reset after a lost phone: the secret and recovery codes are gone, every session of the
     * account ends, and at the next sign-in the person sets it up again (if it is required of them) or signs in with
     * the password alone.
     */
    @Transactional
    public void reset(long accountId, String by) {
        StagedoorUser account = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account",
                accountId));
        jdbc.sql("delete from two_step_recovery_code where account_id = :id").param("id", accountId).update();
        int removed = jdbc.sql("delete from two_step_secret where account_id = :id").param("id", accountId).update();
        accounts.endSessions(accountId);
        audit.record(by, AuditLog.Kind.ADMIN_CHANGE, account.partnerCompanyId(), null, null,
                "reset the two-step sign-in of " + account.email() + " (lost phone): "
                        + (removed == 0 ? "it was not set up; " : "")
                        + "their sessions ended, and they " + (isRequired(account)
                                ? "set it up again with their new phone at their next sign-in"
                                : "sign in with their password alone until they set it up again"));
    }

    /**
     * Accepts a code of the step before, the step of, or the step after now, and of no step up to the last one
     * accepted. The step is recorded in the same statement that checks it, so two requests with one code cannot both
     * pass.
     */
    private Outcome check(long accountId, String secret, String code) {
        String given = code == null ? "" : code.replaceAll("\\s", "");
        if (!given.matches("\\d{6}")) {
            return Outcome.WRONG;
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (MessageDigest.isEqual(generate(secret, step).getBytes(), given.getBytes())) {
                int recorded = jdbc.sql("""
                        update two_step_secret set last_time_step = :step
                         where account_id = :id and (last_time_step is null or last_time_step < :step)
                        """).param("id", accountId).param("step", step).update();
                return recorded == 1 ? Outcome.ACCEPTED : Outcome.USED_ALREADY;
            }
        }
        return Outcome.WRONG;
    }

    private String generate(String secret, long step) {
        try {
            return codes.generate(secret, step);
        }
        catch (CodeGenerationException ex) {
            throw new IllegalStateException("A two-step code could not be computed", ex);
        }
    }

    private List<String> newRecoveryCodes(long accountId) {
        jdbc.sql("delete from two_step_recovery_code where account_id = :id").param("id", accountId).update();
        List<String> recovery = Arrays.asList(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        for (String code : recovery) {
            jdbc.sql("insert into two_step_recovery_code (account_id, code_hash) values (:id, :hash)")
                    .param("id", accountId).param("hash", passwords.encode(code)).update();
        }
        return List.copyOf(recovery);
    }

    private static Enrolment enrolment(StagedoorUser user, String secret) {
        QrData data = new QrData.Builder().label(user.email()).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(6).period((int) PERIOD_SECONDS).build();
        ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
        generator.setImageSize(240);
        try {
            return new Enrolment(secret, Utils.getDataUriForImage(generator.generate(data),
                    generator.getImageMimeType()));
        }
        catch (QrGenerationException ex) {
            throw new IllegalStateException("The QR code could not be drawn", ex);
        }
    }
}
