package org.stagedoor.scheduler.destination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.encrypt.AesGcmBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.stereotype.Component;

/**
 * Encrypts destinations' secrets at rest (Spring Security Crypto's AES-GCM encryptor) and gives the key download
 * links are signed with, both from the one key of the settings. The key is read (or, the first time, made in its
 * file) only when a destination needs it, so that a venue without destinations never gets a key file.
 */
@Component
class DestinationSecrets {

    private static final Logger log = LoggerFactory.getLogger(DestinationSecrets.class);

    /** Fixed: the key is random already, the salt only separates Stagedoor's use of it. */
    private static final String SALT = HexFormat.of().formatHex("stagedoor destinations".getBytes(
            StandardCharsets.UTF_8));

    private static final int KEY_BYTES = 32;

    private final DestinationSettings settings;

    private BytesEncryptor encryptor;

    private byte[] linkKey;

    DestinationSecrets(DestinationSettings settings) {
        this.settings = settings;
    }

    /** AES-256-GCM with a random nonce per value, in hex. */
    String encrypt(String clear) {
        return clear == null ? null
                : HexFormat.of().formatHex(encryptor().encrypt(clear.getBytes(StandardCharsets.UTF_8)));
    }

    String decrypt(String encrypted) {
        try {
            return encrypted == null ? null
                    : new String(encryptor().decrypt(HexFormat.of().parseHex(encrypted)), StandardCharsets.UTF_8);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("A destination's secret cannot be decrypted: the key of"
                    + " stagedoor.destinations.secret-key is not the one it was encrypted with", ex);
        }
    }

    /** HMAC-SHA256 of {@code text} under the key for links, kept apart from the encryption key's use. */
    byte[] signLink(String text) {
        return hmac(linkKey(), text);
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    private synchronized BytesEncryptor encryptor() {
        if (encryptor == null) {
            encryptor = AesGcmBytesEncryptor.withPassword(key(), SALT).build();
        }
        return encryptor;
    }

    private synchronized byte[] linkKey() {
        if (linkKey == null) {
            linkKey = hmac(key().getBytes(StandardCharsets.UTF_8), "stagedoor download links");
        }
        return linkKey;
    }

    private String key() {
        if (!settings.secretKey().isEmpty()) {
            return settings.secretKey();
        }
        Path file = settings.secretKeyFile();
        try {
            if (!Files.exists(file)) {
                make(file);
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.length() < KEY_BYTES) {
                throw new IllegalStateException("The key file " + file + " holds too short a key");
            }
            return key;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The key for destinations' secrets could not be read from " + file, ex);
        }
    }

    private static void make(Path file) throws IOException {
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file);
        }
        catch (FileAlreadyExistsException ex) {
            // Made meanwhile by another process on the same home: use that one.
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ex) {
            log.warn("Could not make {} readable by its owner only", file);
        }
        Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
        log.info("Made the key that encrypts destinations' secrets in {}; a second node needs the same key"
                + " (stagedoor.destinations.secret-key)", file);
    }
}
