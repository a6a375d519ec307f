package org.stagedoor.security;

import org.junit.jupiter.api.Test;

import org.stagedoor.booking.secret.SecretKey;
import org.stagedoor.booking.secret.SecretKeySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authenticator apps' secrets are stored encrypted, under a key kept outside the database. */
class TwoStepSecretsTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void aSecretIsSealedUnderTheVenueKeyAndAnotherKeyCannotOpenIt() {
        String sealed = secrets("the venue's own key").seal(SECRET);

        assertThat(sealed).doesNotContain(SECRET).isNotEqualTo(secrets("the venue's own key").seal(SECRET));
        assertThat(secrets("the venue's own key").open(sealed)).isEqualTo(SECRET);
        assertThatThrownBy(() -> secrets("another key of the venue").open(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    private static TwoStepSecrets secrets(String key) {
        return new TwoStepSecrets(new SecretKey(new SecretKeySettings(key, null)));
    }
}
