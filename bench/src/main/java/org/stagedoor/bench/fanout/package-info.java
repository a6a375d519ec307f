/**
 * Benchmark: one schedule fanned out to 500 partner companies, on one node and on two. API: none.
 */
package org.stagedoor.bench.fanout;
