package org.stagedoor.admin;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;

/**
 * An administrator's changes to a login: enabling and disabling it, ending its pause after failed sign-ins, sending a
 * new invitation. The console's pages and its JSON API both act through here, so that a rule such as "not your own
 * account" holds for both alike; {@link Accounts} audits each change.
 */
@Component
class AccountOperations {

    private final Accounts accounts;

    AccountOperations(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The account, as it was before the change.
     *
     * @throws NotFoundException when there is no such account
     */
    StagedoorUser enable(long id, StagedoorUser by) {
        StagedoorUser account = account(id);
        accounts.setEnabled(id, true, by.email());
        return account;
    }

    /**
     * Disables an account other than the administrator's own: a venue must not lock itself out by a slip of the
     * mouse, and another administrator can always do it.
     *
     * @throws InvalidRequestException when it is the administrator's own account
     */
    StagedoorUser disable(long id, StagedoorUser by) {
        StagedoorUser account = account(id);
        if (account.accountId() == by.accountId()) {
            throw new InvalidRequestException("account", "you cannot disable your own account; ask another"
                    + " administrator");
        }
        accounts.setEnabled(id, false, by.email());
        return account;
    }

    StagedoorUser endSignInPause(long id, StagedoorUser by) {
        StagedoorUser account = account(id);
        accounts.endSignInPause(id, by.email());
        return account;
    }

    StagedoorUser resendInvitation(long id, StagedoorUser by) {
        StagedoorUser account = account(id);
        accounts.resendInvitation(id, by.email());
        return account;
    }

    private StagedoorUser account(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("account", id));
    }
}
