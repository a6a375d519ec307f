/**
 * The subject-access bench: how long a customer's look-up takes on a large ledger, with its statements' plans.
 * API: none.
 */
package org.stagedoor.bench.sharing;
