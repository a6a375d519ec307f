/**
 * The small demo venue loaded on the first start of the embedded database. API: none.
 */
package org.stagedoor.demo;
