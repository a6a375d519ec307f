/**
 * The partner portal's pages and JSON API: reports, runs, their files and subscriptions. API: RunPreview,
 * EmptyResults.
 */
package org.stagedoor.portal;
