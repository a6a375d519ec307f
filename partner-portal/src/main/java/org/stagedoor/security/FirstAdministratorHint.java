package org.stagedoor.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A venue starting on its own empty store has no account to sign in with: once the application is ready (after the
 * demo venue, if any, is loaded), the log says how to make the first administrator. Commands start no web server,
 * so they never print it.
 */
@Component
class FirstAdministratorHint {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministratorHint.class);

    private final Accounts accounts;

    FirstAdministratorHint(Accounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext && !accounts.hasAdministrator()) {
            log.warn("No administrator can sign in yet. Create the first one with: java -jar stagedoor.jar"
                    + " create-admin --email you@your-venue.example --name \"Your Name\" (it prints a link to choose"
                    + " the password; add --password-stdin to type it instead)");
        }
    }
}
