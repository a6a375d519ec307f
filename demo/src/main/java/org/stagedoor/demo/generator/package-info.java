/**
 * The seeded venue generator behind the demo data and the generate-data command. API: VenueDataGenerator,
 * GeneratorSettings.
 */
package org.stagedoor.demo.generator;
