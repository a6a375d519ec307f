package org.stagedoor.admin;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.ui.ExtendedModelMap;

import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.DevMailbox;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** With a real mail server configured there is no dev mailbox, and so no page for it. */
class DevMailboxControllerTests {

    @Test
    void withoutTheDevMailboxThePageIsNotFound() {
        DevMailboxController controller = new DevMailboxController(
                new StaticListableBeanFactory().getBeanProvider(DevMailbox.class));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> controller.messages(new ExtendedModelMap()));
    }
}
