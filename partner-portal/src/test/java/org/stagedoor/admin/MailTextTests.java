package org.stagedoor.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev mailbox shows web addresses in a mail's plain text as links, and nothing else. */
class MailTextTests {

    @Test
    void webAddressesBecomeLinksWithoutTheSentencesFullStop() {
        assertThat(MailText.parts("Choose your password: http://localhost:8080/invitation?token=a-b_c.\n\nBye"))
                .containsExactly(new MailText.Part("Choose your password: ", false),
                        new MailText.Part("http://localhost:8080/invitation?token=a-b_c", true),
                        new MailText.Part(".\n\nBye", false));
    }

    @Test
    void otherSchemesAndPlainTextStayText() {
        assertThat(MailText.parts("javascript:alert(1) and ftp://x.example"))
                .containsExactly(new MailText.Part("javascript:alert(1) and ftp://x.example", false));
        assertThat(MailText.parts("")).isEmpty();
    }

    @Test
    void aBaseTargetGoesFirstOrJustAfterTheDoctype() {
        assertThat(DevMailboxController.linksLeaveTheFrame("<p>Hi</p>")).isEqualTo("<base target=\"_top\"><p>Hi</p>");
        assertThat(DevMailboxController.linksLeaveTheFrame("<!DOCTYPE html><html><p>Hi</p></html>"))
                .isEqualTo("<!DOCTYPE html><base target=\"_top\"><html><p>Hi</p></html>");
    }
}
