/**
 * Partner-company contact preferences: asked at checkout, changed, and their history (P-3 to P-8). API:
 * PartnerPreferences, PartnerPreference, PreferenceState, PreferenceChannel, PreferenceQuestion, PreferenceChange,
 * AccountPreference.
 */
package org.stagedoor.booking.preference;
