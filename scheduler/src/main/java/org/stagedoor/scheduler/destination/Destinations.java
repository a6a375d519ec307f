package org.stagedoor.scheduler.destination;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;

/**
 * A partner company's destinations: adding an SFTP server or a web address, replacing a web address's secret,
 * removing one, choosing the schedules each receives; and, for the one who sends, their secrets decrypted. What is
 * refused is said per field, in words, and nothing is saved then.
 */
@Component
public class Destinations {

    /** A web address just added or given a new secret, with the secret: the only time anyone sees it. */
    public record Issued(Destination destination, String secret) {

        @Override
        public String toString() {
            return "Issued[" + destination.where() + "]";
        }
    }

    private static final Pattern HOST = Pattern.compile(
            "^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$|^\\[?[0-9a-fA-F:]+]?$");

    private static final Pattern FINGERPRINT = Pattern.compile("^SHA256:[A-Za-z0-9+/]{43}=?$");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static final int SECRET_BYTES = 32;

    private static final int DEFAULT_PORT = 22;

    private final DestinationStore store;

    private final DestinationSecrets secrets;

    private final SshConnections ssh;

    private final PartnerCompanies companies;

    private final SecureRandom random = new SecureRandom();

    Destinations(DestinationStore store, DestinationSecrets secrets, SshConnections ssh, PartnerCompanies companies) {
        this.store = store;
        this.secrets = secrets;
        this.ssh = ssh;
        this.companies = companies;
    }

    public List<Destination> ofCompany(long companyId) {
        return store.ofCompany(companyId);
    }

    /** Any destination, a removed one too. */
    public Optional<Destination> find(long id) {
        return store.find(id);
    }

    /** The company's enabled destinations that receive this schedule's runs for it. */
    public List<Destination> forSchedule(long scheduleId, long companyId) {
        return store.forSchedule(scheduleId, companyId);
    }

    public Set<Long> schedulesOf(long destinationId) {
        return store.schedulesOf(destinationId);
    }

    /**
     * Adds an SFTP server to the company's destinations, its password and private key encrypted.
     *
     * @throws InvalidRequestException naming each field that is missing or wrong
     */
    @Transactional
    public Destination addSftp(long companyId, SftpRequest request, String actor) {
        companies.get(companyId);
        SftpRequest clean = checked(request);
        long id = store.insertSftp(companyId, clean, secrets.encrypt(clean.password()),
                secrets.encrypt(clean.privateKey()), actor);
        return store.find(id).orElseThrow();
    }

    /** Adds a web address to the company's destinations with a new secret, returned this once. */
    @Transactional
    public Issued addWebhook(long companyId, WebhookRequest request, String actor) {
        companies.get(companyId);
        List<FieldError> errors = new ArrayList<>();
        String name = name(request.name(), errors);
        String url = url(request.url(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String secret = newSecret();
        long id = store.insertWebhook(companyId, new WebhookRequest(name, url), secrets.encrypt(secret), actor);
        return new Issued(store.find(id).orElseThrow(), secret);
    }

    /** Gives a web address a new secret, returned this once; the old one no longer signs anything. */
    @Transactional
    public Issued replaceSecret(long companyId, long id) {
        Destination destination = ofCompany(companyId, id);
        String secret = newSecret();
        if (destination.kind() != DestinationKind.WEBHOOK || !store.replaceSecret(id, secrets.encrypt(secret))) {
            throw new InvalidRequestException("destination", "Only a web address has a secret to replace");
        }
        return new Issued(store.find(id).orElseThrow(), secret);
    }

    /** Removes a destination: it receives nothing more; its deliveries stay on record. */
    @Transactional
    public Destination remove(long companyId, long id) {
        Destination destination = ofCompany(companyId, id);
        store.remove(id);
        return destination;
    }

    /** Sets exactly the schedules the destination receives. */
    @Transactional
    public void setSchedules(long companyId, long id, Set<Long> scheduleIds) {
        ofCompany(companyId, id);
        store.setSchedules(id, scheduleIds);
    }

    /**
     * The fingerprint of the key the server shows, for the administrator to confirm before it is pinned.
     *
     * @throws InvalidRequestException when the server cannot be reached or shows no key, said in words
     */
    public String fetchFingerprint(String host, Integer port) {
        List<FieldError> errors = new ArrayList<>();
        String cleanHost = host(host, errors);
        int cleanPort = port(port, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        try {
            return ssh.fetchFingerprint(cleanHost, cleanPort);
        }
        catch (SshConnections.SshFailure failure) {
            throw new InvalidRequestException("host", failure.getMessage());
        }
    }

    /** An SFTP destination's credentials, decrypted, for the one who uploads. */
    public SftpAccess sftpAccess(Destination destination) {
        DestinationStore.Secrets kept = store.secrets(destination.id()).orElseThrow();
        return new SftpAccess(destination, secrets.decrypt(kept.password()), secrets.decrypt(kept.privateKey()));
    }

    /** A web address's secret, decrypted, for signing what is sent to it. */
    public String webhookSecret(Destination destination) {
        return secrets.decrypt(store.secrets(destination.id()).orElseThrow().webhookSecret());
    }

    private Destination ofCompany(long companyId, long id) {
        return store.find(id).filter(found -> found.partnerCompanyId() == companyId)
                .orElseThrow(() -> new NotFoundException("destination", id));
    }

    private SftpRequest checked(SftpRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String name = name(request.name(), errors);
        String host = host(request.host(), errors);
        int port = port(request.port(), errors);
        String folder = blankToNull(request.folder());
        if (folder == null) {
            errors.add(new FieldError("folder", "Give the folder to put files in, such as /incoming"));
        }
        else if (CONTROL.matcher(folder).find() || folder.length() > 500) {
            errors.add(new FieldError("folder", "A folder is one line of at most 500 characters"));
        }
        String username = blankToNull(request.username());
        if (username == null || CONTROL.matcher(username).find() || username.length() > 200) {
            errors.add(new FieldError("username", "Give the user name to sign in with"));
        }
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        String privateKey = blankToNull(request.privateKey());
        if (password == null && privateKey == null) {
            errors.add(new FieldError("password", "Give a password or a private key to sign in with"));
        }
        if (privateKey != null) {
            try {
                SshConnections.keys(privateKey);
            }
            catch (IOException | GeneralSecurityException | RuntimeException ex) {
                errors.add(new FieldError("privateKey", "This is not a private key Stagedoor can read (paste the"
                        + " whole key, from its BEGIN line to its END line, without a passphrase): "
                        + SshConnections.describe(ex)));
            }
        }
        String fingerprint = blankToNull(request.hostKeyFingerprint());
        if (fingerprint == null) {
            errors.add(new FieldError("hostKeyFingerprint", "Fetch the server's key, check it with the partner and"
                    + " confirm it"));
        }
        else if (!FINGERPRINT.matcher(fingerprint).matches()) {
            errors.add(new FieldError("hostKeyFingerprint", "A key's fingerprint looks like SHA256: followed by 43"
                    + " letters, digits, + or /"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SftpRequest(name, host, port, folder, username, password, privateKey, fingerprint);
    }

    private static String name(String name, List<FieldError> errors) {
        String clean = blankToNull(name);
        if (clean == null || clean.length() > 200 || CONTROL.matcher(clean).find()) {
            errors.add(new FieldError("name", "Give the destination a name of at most 200 characters"));
        }
        return clean;
    }

    private static String host(String host, List<FieldError> errors) {
        String clean = blankToNull(host);
        if (clean == null || !HOST.matcher(clean).matches()) {
            errors.add(new FieldError("host", "Give the server's host name or address, such as"
                    + " sftp.northern.example"));
        }
        return clean;
    }

    private static int port(Integer port, List<FieldError> errors) {
        if (port == null) {
            return DEFAULT_PORT;
        }
        if (port < 1 || port > 65535) {
            errors.add(new FieldError("port", "A port is a number from 1 to 65535 (SFTP's usual one is 22)"));
        }
        return port;
    }

    /** An https address; plain http only to this machine, where nothing crosses a network. */
    private static String url(String url, List<FieldError> errors) {
        String clean = blankToNull(url);
        if (clean == null) {
            errors.add(new FieldError("url", "Give the web address to tell, such as"
                    + " https://northern.example/stagedoor"));
            return null;
        }
        try {
            URI uri = new URI(clean);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean local = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && local)) {
                errors.add(new FieldError("url", "The web address must start with https:// and name a host: what is"
                        + " sent carries a link to the file"));
            }
            else if (uri.getUserInfo() != null) {
                errors.add(new FieldError("url", "Leave the user name and password out of the web address"));
            }
        }
        catch (URISyntaxException ex) {
            errors.add(new FieldError("url", "This is not a web address: " + ex.getReason()));
        }
        return clean;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
