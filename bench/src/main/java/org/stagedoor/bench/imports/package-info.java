/**
 * Benchmark: the venue import against a bare COPY of the same files. API: none.
 */
package org.stagedoor.bench.imports;
