package org.stagedoor.scheduler.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recipients are checked as the outbox's table checks them, before anything is written. */
class RecipientTests {

    @Test
    void somethingThatIsNotAnAddressIsRefused() {
        assertThatThrownBy(() -> Recipient.address("marketing at venue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an email address: 'marketing at venue'");
        assertThatThrownBy(() -> new Recipient(null, 3L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.address("a@b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddressIsTrimmedAndKeepsItsPartnerUser() {
        Recipient recipient = new Recipient("  ada@northern.example ", 7L);

        assertThat(recipient.email()).isEqualTo("ada@northern.example");
        assertThat(recipient.partnerUserId()).isEqualTo(7L);
        assertThat(Recipient.address("marketing@venue.example").partnerUserId()).isNull();
    }
}
