package org.stagedoor.batch.run;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The live counts' tests again, with no customer looked up one by one in a partner company's consent: every partner
 * company's count then reads all the company's YES customers and those without an email address as sorted arrays,
 * as it does at the size of a real venue, where the hand-built venue's few customers are otherwise looked up.
 */
@SpringBootTest(properties = {"stagedoor.reports.count-timeout=700ms", "stagedoor.reports.count-look-ups=0"})
@Import(ReportJobIntegrationTests.FixedClock.class)
class ListCountsReadingEveryYesIntegrationTests extends ListCountsIntegrationTests {
}
