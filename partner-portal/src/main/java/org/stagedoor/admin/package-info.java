/**
 * The administrators' console pages and JSON API, and the operations both act through. API: CustomerSearch,
 * SharingOperations.
 */
package org.stagedoor.admin;
