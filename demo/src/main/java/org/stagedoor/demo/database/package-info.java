/**
 * The embedded PostgreSQL the application starts when no datasource is configured, and the sentence it says when
 * another instance holds its data directory. API: EmbeddedDatabaseInUse.
 */
package org.stagedoor.demo.database;
