package org.stagedoor.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.security.crypto.encrypt.AesGcmBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.stereotype.Component;

/**
 * Encrypts the authenticator apps' secrets before they are stored (AES-GCM with a random nonce, Spring Security's
 * {@link AesGcmBytesEncryptor}). The key is a setting, or a random one kept in a file of its own that only the
 * application's user may read: a copy of the database alone cannot make anyone's codes. Every node of one venue
 * must be given the same key.
 */
@Component
class TwoStepSecrets {

    /** Any fixed salt will do: the key itself is random, or chosen by the venue. */
    private static final String SALT = HexFormat.of().formatHex("stagedoor-two-step".getBytes(StandardCharsets.UTF_8));

    private final SecuritySettings settings;

    private volatile BytesEncryptor encryptor;

    TwoStepSecrets(SecuritySettings settings) {
        this.settings = settings;
    }

    String seal(String secret) {
        return Base64.getEncoder().encodeToString(encryptor().encrypt(secret.getBytes(StandardCharsets.UTF_8)));
    }

    String open(String sealed) {
        return new String(encryptor().decrypt(Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8);
    }

    /** Made on first use, so that a venue that never turns two-step sign-in on never gets a key file. */
    private BytesEncryptor encryptor() {
        BytesEncryptor current = encryptor;
        if (current == null) {
            synchronized (this) {
                if (encryptor == null) {
                    encryptor = AesGcmBytesEncryptor.withPassword(key(), SALT).build();
                }
                current = encryptor;
            }
        }
        return current;
    }

    private String key() {
        if (settings.twoStepKey() != null && !settings.twoStepKey().isBlank()) {
            return settings.twoStepKey().strip();
        }
        Path file = settings.twoStepKeyFile() != null ? settings.twoStepKeyFile()
                : Path.of(System.getProperty("user.home"), ".stagedoor", "two-step.key");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    // Readable by the application's user only from the moment it exists.
                    Path made = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                            ? Files.createFile(file, PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")))
                            : Files.createFile(file);
                    Files.writeString(made, HexFormat.of().formatHex(random));
                }
                catch (FileAlreadyExistsException ex) {
                    // Another process of the same installation made it first: use theirs.
                }
            }
            String key = Files.readString(file).strip();
            if (key.isEmpty()) {
                throw new IllegalStateException("The two-step sign-in key file " + file + " is empty");
            }
            return key;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The two-step sign-in key file " + file + " cannot be read or made", ex);
        }
    }
}
