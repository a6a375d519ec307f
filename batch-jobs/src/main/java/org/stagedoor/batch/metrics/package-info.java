/**
 * The figures Stagedoor publishes for monitoring, named in one place. API: OperationsMeters.
 */
package org.stagedoor.batch.metrics;
