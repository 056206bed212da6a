package golf.linkup.engine.notifications.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VapidKeysTest {

    @Test
    void savedKeysLoadBackAsTheSamePair(@TempDir Path folder) throws Exception {
        VapidKeys original = VapidKeys.generate();
        Path file = folder.resolve("keys/vapid.pem");

        original.save(file);
        VapidKeys loaded = VapidKeys.load(file);

        assertArrayEquals(original.privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertArrayEquals(original.publicKey().getEncoded(), loaded.publicKey().getEncoded());
        assertEquals(original.publicKeyBase64Url(), loaded.publicKeyBase64Url());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(loaded.privateKey());
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(original.publicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.contains("-----BEGIN PUBLIC KEY-----\n"), pem);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void thePublicKeyForBrowsersIsThe65ByteUncompressedPoint() {
        VapidKeys keys = VapidKeys.generate();

        byte[] point = Base64.getUrlDecoder().decode(keys.publicKeyBase64Url());

        assertEquals(65, point.length);
        assertEquals(0x04, point[0]);
        assertFalse(keys.publicKeyBase64Url().contains("="), "no padding");
        byte[] x509 = keys.publicKey().getEncoded();
        assertArrayEquals(Arrays.copyOfRange(x509, x509.length - 65, x509.length), point);
        assertArrayEquals(point, keys.publicKeyUncompressed());
        assertFalse(keys.toString().contains(Base64.getEncoder().encodeToString(keys.privateKey().getEncoded())));
    }

    @Test
    void loadOrGenerateGeneratesOnceThenKeepsTheKey(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("sandbox/vapid.pem");

        VapidKeys first = VapidKeys.loadOrGenerate(file);
        VapidKeys second = VapidKeys.loadOrGenerate(file);

        assertTrue(Files.exists(file));
        assertEquals(first.publicKeyBase64Url(), second.publicKeyBase64Url());
    }

    @Test
    void aFileWithHalvesOfTwoPairsIsRefusedAndNamed(@TempDir Path folder) throws Exception {
        Path a = folder.resolve("a.pem");
        Path b = folder.resolve("b.pem");
        VapidKeys.generate().save(a);
        VapidKeys.generate().save(b);
        String privateOfA = Files.readString(a).split("(?=-----BEGIN PUBLIC KEY-----)")[0];
        String publicOfB = Files.readString(b).split("(?=-----BEGIN PUBLIC KEY-----)")[1];
        Path mixed = folder.resolve("mixed.pem");
        Files.writeString(mixed, privateOfA + publicOfB, StandardCharsets.US_ASCII);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> VapidKeys.load(mixed));

        assertTrue(error.getMessage().startsWith(mixed.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("does not belong"), error.getMessage());
        Files.writeString(mixed, privateOfA, StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> VapidKeys.load(mixed));
    }
}
