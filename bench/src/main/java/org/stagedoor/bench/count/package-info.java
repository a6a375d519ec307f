/**
 * Benchmark: the list builder's live counts against a naive count of the same lists. API: none.
 */
package org.stagedoor.bench.count;
