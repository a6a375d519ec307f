package org.stagedoor.booking.secret;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.encrypt.AesGcmBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.stereotype.Component;

/**
 * The venue's one secret key, and what each use of it derives from it: an AES-GCM encryptor (Spring Security Crypto)
 * or an HMAC key per purpose, so that no two uses share a key. The key is the setting, or a random one kept in a file
 * only the application's user may read, made on first use: a venue that never stores a secret never gets a key file,
 * and a copy of the database alone opens nothing.
 */
@Component
public class SecretKey {

    private static final Logger log = LoggerFactory.getLogger(SecretKey.class);

    private static final int KEY_BYTES = 32;

    private final SecretKeySettings settings;

    private final Map<String, BytesEncryptor> encryptors = new ConcurrentHashMap<>();

    private volatile String key;

    public SecretKey(SecretKeySettings settings) {
        this.settings = settings;
    }

    /** AES-256-GCM with a random nonce per value, under a key of this purpose's own. */
    public BytesEncryptor encryptor(String purpose) {
        return encryptors.computeIfAbsent(purpose, name -> AesGcmBytesEncryptor.withPassword(key(),
                HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))).build());
    }

    /** A key of this purpose's own, for HMAC-SHA256 signatures. */
    public byte[] derived(String purpose) {
        return hmac(key().getBytes(StandardCharsets.UTF_8), purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of the data under the key. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    private String key() {
        String current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = settings.key().isEmpty() ? fromFile(settings.keyFile()) : settings.key();
                }
                current = key;
            }
        }
        return current;
    }

    private static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                make(file);
            }
            String read = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (read.length() < KEY_BYTES) {
                throw new IllegalStateException("The key file " + file + " holds too short a key");
            }
            return read;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The venue's secret key could not be read from or made in " + file, ex);
        }
    }

    private static void make(Path file) throws IOException {
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path made;
        try {
            // Readable by the application's user only from the moment it exists.
            made = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createFile(file);
        }
        catch (FileAlreadyExistsException ex) {
            // Made meanwhile by another process of the same installation: use that one.
            return;
        }
        Files.writeString(made, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
        log.info("Made the venue's secret key in {}; every other node of this venue needs the same key"
                + " (stagedoor.secret.key)", file);
    }
}
