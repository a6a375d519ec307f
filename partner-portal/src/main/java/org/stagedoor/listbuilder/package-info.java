/**
 * What the customer-list builder offers and says, for the console and the portal alike. API: ListBuilderOperations,
 * ListChoices, ListProblemWords, PeriodChoices.
 */
package org.stagedoor.listbuilder;
