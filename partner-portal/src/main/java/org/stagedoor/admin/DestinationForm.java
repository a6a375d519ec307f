package org.stagedoor.admin;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.scheduler.destination.SftpRequest;
import org.stagedoor.scheduler.destination.WebhookRequest;

/**
 * The forms adding a destination to a partner company: an SFTP server (its port stays text until read, so that
 * "abc" is refused next to its field) or a web address. The password and private key are never shown back.
 */
public class DestinationForm {

    private String name = "";

    private String host = "";

    private String port = "22";

    private String folder = "/";

    private String username = "";

    private String password = "";

    private String privateKey = "";

    private String hostKeyFingerprint = "";

    private String url = "";

    SftpRequest sftp() {
        return new SftpRequest(name, host, port(), folder, username, password, privateKey, hostKeyFingerprint);
    }

    WebhookRequest webhook() {
        return new WebhookRequest(name, url);
    }

    Integer port() {
        if (port.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(port.strip());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException("port", "A port is a number from 1 to 65535 (SFTP's usual one is 22)");
        }
    }

    /** The form as shown again after a refusal or a fetched key: without the secrets typed. */
    DestinationForm withoutSecrets() {
        password = "";
        privateKey = "";
        return this;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host == null ? "" : host;
    }

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port == null ? "" : port;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder == null ? "" : folder;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username == null ? "" : username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey == null ? "" : privateKey;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public void setHostKeyFingerprint(String hostKeyFingerprint) {
        this.hostKeyFingerprint = hostKeyFingerprint == null ? "" : hostKeyFingerprint;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url == null ? "" : url;
    }
}
