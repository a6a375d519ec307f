/**
 * Customer lists as data: definitions read, checked and compiled into one SQL statement. API:
 * CustomerListCompiler, CustomerListDefinition, CompiledList, ListContext, ListColumn, ListInWords, Segment,
 * SegmentCounts, SetOperator, GroupBy, PurchaseKind.
 */
package org.stagedoor.batch.customerlist;
