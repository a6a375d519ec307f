/**
 * Customer records, individuals and organisations, one per email address. API: Customer, CustomerRecords,
 * CustomerKind, CreatedChannel, CustomerRepository.
 */
package org.stagedoor.booking.customer;
