/**
 * Relationship types and the links between customers that allow facilitated orders (F-1). API: Relationships,
 * Relationship, RelationshipType, Side.
 */
package org.stagedoor.booking.relationship;
