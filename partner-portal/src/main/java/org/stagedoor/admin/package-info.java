/**
 * The administrators' console pages and JSON API, and the operations both act through. API: CustomerSearch.
 */
package org.stagedoor.admin;
