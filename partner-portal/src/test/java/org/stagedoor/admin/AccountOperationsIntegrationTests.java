package org.stagedoor.admin;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rule that an administrator does not disable their own account lives in {@link AccountOperations}, which the
 * console's page and its JSON API both call: refused there in words, while another administrator may do it.
 */
class AccountOperationsIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    AccountOperations operations;

    @Test
    void anAdministratorCannotDisableTheirOwnAccountButAnotherAdministratorCan() {
        StagedoorUser second = TestAccounts.admin(accounts, "second@venue.example");

        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> operations.disable(admin.accountId(),
                admin)).satisfies(ex -> assertThat(ex.errors()).containsExactly(new InvalidRequestException.FieldError(
                        "account", "you cannot disable your own account; ask another administrator")));
        assertThat(accounts.find(admin.accountId()).orElseThrow().isEnabled()).isTrue();

        assertThat(operations.disable(admin.accountId(), second).email()).isEqualTo(ADMIN);
        assertThat(accounts.find(admin.accountId()).orElseThrow().isEnabled()).isFalse();
        operations.enable(admin.accountId(), second.email());
        assertThat(accounts.find(admin.accountId()).orElseThrow().isEnabled()).isTrue();
        assertThat(adminChanges()).containsExactly("disabled " + ADMIN, "enabled " + ADMIN);
    }
}
