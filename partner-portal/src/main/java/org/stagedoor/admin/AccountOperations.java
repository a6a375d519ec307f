package org.stagedoor.admin;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TwoStepSignIn;

/**
 * An administrator's enabling, disabling, ending the sign-in pause and resetting the two-step sign-in of an account,
 * and sending it a new invitation: the console's pages and its JSON API both act through here, so the refusal to
 * disable one's own account is written once. {@link Accounts} audits each change.
 */
@Component
class AccountOperations {

    private final Accounts accounts;

    private final TwoStepSignIn twoStep;

    AccountOperations(Accounts accounts, TwoStepSignIn twoStep) {
        this.accounts = accounts;
        this.twoStep = twoStep;
    }

    /**
     * @return the account, as it was found
     * @throws NotFoundException when there is no such account
     */
    StagedoorUser enable(long id, String actor) {
        StagedoorUser account = existing(id);
        accounts.setEnabled(id, true, actor);
        return account;
    }

    /**
     * Disables an account other than the administrator's own, which would lock out the one who asked.
     *
     * @return the account, as it was found
     * @throws NotFoundException when there is no such account
     * @throws InvalidRequestException on {@code account} when it is the administrator's own
     */
    StagedoorUser disable(long id, StagedoorUser admin) {
        StagedoorUser account = existing(id);
        if (account.accountId() == admin.accountId()) {
            throw new InvalidRequestException("account", "you cannot disable your own account; ask another"
                    + " administrator");
        }
        accounts.setEnabled(id, false, admin.email());
        return account;
    }

    /**
     * Lets the account sign in again at once after several failed sign-ins paused it.
     *
     * @return the account
     * @throws NotFoundException when there is no such account
     */
    StagedoorUser endSignInPause(long id, String actor) {
        StagedoorUser account = existing(id);
        accounts.endSignInPause(id, actor);
        return account;
    }

    /**
     * Resets two-step sign-in after a lost phone: the secret and recovery codes are gone and the account's sessions
     * end (audited by {@link TwoStepSignIn}).
     *
     * @return the account
     * @throws NotFoundException when there is no such account
     */
    StagedoorUser resetTwoStep(long id, String actor) {
        StagedoorUser account = existing(id);
        twoStep.reset(id, actor);
        return account;
    }

    /**
     * Emails a new invitation; earlier links stop working.
     *
     * @return the account
     * @throws NotFoundException when there is no such account
     */
    StagedoorUser resendInvitation(long id, String actor) {
        StagedoorUser account = existing(id);
        accounts.resendInvitation(id, actor);
        return account;
    }

    private StagedoorUser existing(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("account", id));
    }
}
