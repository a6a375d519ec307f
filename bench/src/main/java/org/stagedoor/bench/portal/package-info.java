/**
 * Benchmark: the partner portal under load from many signed-in sessions. API: none.
 */
package org.stagedoor.bench.portal;
