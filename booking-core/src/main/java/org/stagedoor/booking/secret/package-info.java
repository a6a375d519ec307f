/**
 * The venue's one secret key, from which every stored secret's encryption and every signed link's key is derived.
 * API: SecretKey, SecretKeySettings.
 */
package org.stagedoor.booking.secret;
