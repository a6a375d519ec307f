/**
 * What every page and API answer shares: errors, refusals, size limits, database outages, words. API: ApiController,
 * Words, DatabaseOutage, FilterRefusals.
 */
package org.stagedoor.web;
