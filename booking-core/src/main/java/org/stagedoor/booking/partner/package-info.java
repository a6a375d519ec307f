/**
 * Partner companies (P-1, P-7) and the wikitext of their descriptions. API: PartnerCompanies, PartnerCompany,
 * Wikitext.
 */
package org.stagedoor.booking.partner;
