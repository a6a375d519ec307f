package org.stagedoor.batch.sharing;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How personal data is shared with partner companies.
 *
 * @param consentMaxAge when set (for example {@code 6m}), a personal-data export for a partner company leaves
 *                      out customers whose YES is older than this at the run's cut-off; off by default
 */
@ConfigurationProperties("stagedoor.sharing")
public record SharingSettings(Period consentMaxAge) {
}
