/**
 * Periods of whole days as the venue names them ("the previous week"), relative or fixed. API: Period, PeriodSpec.
 */
package org.stagedoor.batch.period;
