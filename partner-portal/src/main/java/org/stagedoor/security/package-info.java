/**
 * Who may reach what: accounts, sign-in and its throttle, API tokens, sessions. API: Accounts, ApiTokens,
 * StagedoorUser, TwoStepSignIn.
 */
package org.stagedoor.security;
