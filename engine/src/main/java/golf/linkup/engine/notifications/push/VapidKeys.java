package golf.linkup.engine.notifications.push;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application server's VAPID key pair (RFC 8292): a P-256 key that signs the ES256 JWT of
 * every push request. Browsers receive the public half as {@code applicationServerKey}
 * ({@link #publicKeyBase64Url()}) when they subscribe; a push service then only accepts pushes
 * signed by this key for their subscriptions, so the key must stay the same for as long as the
 * subscriptions live. The VAPID {@code sub} claim (a {@code mailto:} or {@code https:} contact) is
 * configured with the sender ({@link WebPushSettings#vapidSubject()}).
 *
 * <p>File format ({@link #save}, {@link #load}): a PEM file holding a PKCS#8 {@code PRIVATE KEY}
 * block followed by an X.509 {@code PUBLIC KEY} block. OpenSSL makes the same file with
 * {@code openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > vapid.pem}
 * then {@code openssl ec -in vapid.pem -pubout >> vapid.pem}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the private key.
 */
public final class VapidKeys {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final byte[] publicKeyUncompressed;

    private VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
        if (!P256.isP256(privateKey.getParams()) || !P256.isP256(publicKey.getParams())) {
            throw new IllegalArgumentException("VAPID keys must be on P-256 (prime256v1)");
        }
        if (!halvesMatch(privateKey, publicKey)) {
            throw new IllegalArgumentException("the VAPID public key does not belong to the private key");
        }
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyUncompressed = P256.uncompressed(publicKey);
    }

    /** A fresh random key pair. */
    public static VapidKeys generate() {
        KeyPair pair = P256.generate();
        return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    }

    /**
     * Wraps an existing key pair.
     *
     * @throws IllegalArgumentException when the keys are not P-256 or not two halves of one pair
     */
    public static VapidKeys of(ECPrivateKey privateKey, ECPublicKey publicKey) {
        return new VapidKeys(privateKey, publicKey);
    }

    /**
     * Reads a file written by {@link #save} (or by OpenSSL as described above).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it does not hold a matching P-256 PKCS#8 + X.509 pair;
     *                                  the message names the file
     */
    public static VapidKeys load(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] pkcs8 = null;
        byte[] x509 = null;
        Matcher blocks = PEM_BLOCK.matcher(pem);
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2));
            switch (blocks.group(1)) {
                case "PRIVATE KEY" -> pkcs8 = der;
                case "PUBLIC KEY" -> x509 = der;
                default -> throw new IllegalArgumentException(file + ": unexpected PEM block " + blocks.group(1)
                        + " (want PRIVATE KEY (PKCS#8) and PUBLIC KEY)");
            }
        }
        if (pkcs8 == null || x509 == null) {
            throw new IllegalArgumentException(file + ": needs a PRIVATE KEY (PKCS#8) and a PUBLIC KEY block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new VapidKeys((ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(x509)));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a P-256 VAPID key pair: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the pair to {@code file}, replacing it atomically. The file is readable by its owner
     * only where the file system has POSIX permissions; elsewhere the platform defaults apply.
     */
    public void save(Path file) throws IOException {
        Path temp = writeTemp(file);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The sandbox's key: loads {@code file} when it exists, else generates a pair and stores it
     * there (creating parent folders). If another process creates the file at the same moment, its
     * pair wins and is returned, so both end up with the same key.
     */
    public static VapidKeys loadOrGenerate(Path file) throws IOException {
        try {
            return load(file);
        } catch (NoSuchFileException missing) {
            VapidKeys fresh = generate();
            Path temp = fresh.writeTemp(file);
            try {
                Files.move(temp, file);
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                return load(file);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The public key as browsers want it for {@code applicationServerKey}: base64url of the 65-byte point. */
    public String publicKeyBase64Url() {
        return P256.base64Url(publicKeyUncompressed);
    }

    /** The public key as an uncompressed point ({@code 0x04 || X || Y}); a copy. */
    public byte[] publicKeyUncompressed() {
        return publicKeyUncompressed.clone();
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    public ECPrivateKey privateKey() {
        return privateKey;
    }

    /** The pair in zerodep-web-push's form, which builds the {@code Authorization: vapid t=..., k=...} value. */
    public VAPIDKeyPair toVapidKeyPair() {
        return VAPIDKeyPairs.of(PrivateKeySources.ofECPrivateKey(privateKey), PublicKeySources.ofECPublicKey(publicKey));
    }

    @Override
    public String toString() {
        return "VapidKeys[public=" + publicKeyBase64Url() + "]";
    }

    private Path writeTemp(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temp;
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            temp = Files.createTempFile(folder, absolute.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            temp = Files.createTempFile(folder, absolute.getFileName().toString(), ".tmp");
            var asFile = temp.toFile();
            asFile.setReadable(false, false);
            asFile.setWritable(false, false);
            asFile.setReadable(true, true);
            asFile.setWritable(true, true);
        }
        try {
            Files.writeString(temp, pem("PRIVATE KEY", privateKey.getEncoded()) + pem("PUBLIC KEY", publicKey.getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static boolean halvesMatch(ECPrivateKey privateKey, ECPublicKey publicKey) {
        try {
            byte[] probe = "linkup-vapid-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
