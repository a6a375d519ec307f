/**
 * Benchmark programs run by the scripts in bench/ (not tests): report runs against COPY and the fastest XLSX writer,
 * with their baselines. API: none.
 */
package org.stagedoor.bench;
