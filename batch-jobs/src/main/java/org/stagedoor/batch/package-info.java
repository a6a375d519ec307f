/**
 * Batch jobs: reports and customer lists run into files; the refusal of a request they cannot accept. API:
 * InvalidRequestException.
 */
package org.stagedoor.batch;
