package org.stagedoor.batch.run;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The consent-age tests again, with no customer looked up one by one in a partner company's consent: a count then
 * reads all the company's young-enough YES customers as one sorted array, as it does at the size of a real venue,
 * where the hand-built venue's few customers are otherwise looked up. (Without a consent age, a count always merges
 * with the company's stored YES customers, so the look-ups matter only here.)
 */
@SpringBootTest(properties = {"stagedoor.sharing.consent-max-age=30d", "stagedoor.reports.count-look-ups=0"})
@Import(ReportJobIntegrationTests.FixedClock.class)
class ConsentAgeReadingEveryYesIntegrationTests extends ConsentAgeIntegrationTests {
}
