package org.domus.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own certificate authority and the broker's TLS certificate it signs (Bouncy Castle, EC P-256),
 * kept as PEM files in {@code <data>/tls/}: the folder is the owner's only, the private keys are {@code 0600}.
 * Made on first use; the broker certificate is issued again when it nears its end or when the machine's names
 * and addresses are no longer all among its subject alternative names. Immutable; {@link #renew} returns a new one.
 */
public final class ConsoleCertificates {

    public static final String FOLDER = "tls";
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String BROKER_CERT = "broker.crt";
    public static final String BROKER_KEY = "broker.key";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration BROKER_VALIDITY = Duration.ofDays(825);
    /** A broker certificate closer than this to its end is issued again at start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCertificates.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path folder;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final X509Certificate broker;
    private final PrivateKey brokerKey;

    private ConsoleCertificates(Path folder, X509Certificate ca, PrivateKey caKey, X509Certificate broker,
                                PrivateKey brokerKey) {
        this.folder = folder;
        this.ca = ca;
        this.caKey = caKey;
        this.broker = broker;
        this.brokerKey = brokerKey;
    }

    /**
     * The certificates in {@code dataDir/tls}, made when missing; the broker certificate is issued again when it
     * expires within {@link #RENEW_BEFORE} or lacks one of {@code names} (see {@link #machineNames()}).
     *
     * @throws TlsException with one sentence when the files cannot be read or written
     */
    public static ConsoleCertificates loadOrCreate(Path dataDir, Collection<String> names, Clock clock) {
        Path folder = dataDir.toAbsolutePath().resolve(FOLDER);
        try {
            createPrivateFolder(folder);
            X509Certificate ca;
            PrivateKey caKey;
            if (Files.isRegularFile(folder.resolve(CA_CERT)) && Files.isRegularFile(folder.resolve(CA_KEY))) {
                ca = readCertificate(folder.resolve(CA_CERT));
                caKey = readKey(folder.resolve(CA_KEY));
            } else {
                KeyPair pair = newKeyPair();
                ca = issueCa(pair, clock.instant());
                caKey = pair.getPrivate();
                writePem(folder.resolve(CA_KEY), pem(pair.getPrivate()), true);
                writePem(folder.resolve(CA_CERT), pem(ca), false);
                Files.deleteIfExists(folder.resolve(BROKER_CERT));
                LOG.info("Made the console's certificate authority (SHA-256 {})", fingerprint(ca));
            }
            ConsoleCertificates current = null;
            if (Files.isRegularFile(folder.resolve(BROKER_CERT)) && Files.isRegularFile(folder.resolve(BROKER_KEY))) {
                current = new ConsoleCertificates(folder, ca, caKey, readCertificate(folder.resolve(BROKER_CERT)),
                        readKey(folder.resolve(BROKER_KEY)));
                if (current.needsRenewal(names, clock.instant())) {
                    LOG.info("The broker certificate ends {} or lacks one of {}: issuing it again",
                            current.broker.getNotAfter().toInstant(), names);
                    current = null;
                }
            }
            if (current == null) {
                current = issueBroker(folder, ca, caKey, names, clock.instant());
            }
            return current;
        } catch (IOException | GeneralSecurityException | OperatorCreationException | RuntimeException e) {
            throw new TlsException("Cannot prepare the console's TLS certificates in " + folder + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** A new broker certificate for {@code names}, signed by the same authority; written in place of the old one. */
    public ConsoleCertificates renew(Collection<String> names, Clock clock) {
        try {
            return issueBroker(folder, ca, caKey, names, clock.instant());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new TlsException("Cannot renew the broker certificate in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * This machine's names and addresses as a client on the network may reach it: its host name (and
     * {@code name.local}), its canonical name, every address of every interface that is up, and the loopback
     * names. Never fails: what cannot be found is left out.
     */
    public static Set<String> machineNames() {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            InetAddress local = InetAddress.getLocalHost();
            String host = local.getHostName();
            names.add(host.toLowerCase(Locale.ROOT));
            if (!host.contains(".")) {
                names.add(host.toLowerCase(Locale.ROOT) + ".local");
            }
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            LOG.debug("No local host name: {}", e.toString());
        }
        try {
            var interfaces = java.net.NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                var networkInterface = interfaces.nextElement();
                if (!networkInterface.isUp()) {
                    continue;
                }
                var addresses = networkInterface.getInetAddresses();
                while (addresses.hasMoreElements()) {
                    InetAddress address = addresses.nextElement();
                    if (!address.isLinkLocalAddress()) {
                        names.add(hostAddress(address));
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot list network interfaces: {}", e.toString());
        }
        return names;
    }

    /** The authority's certificate, which hubs trust. */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The authority's certificate as PEM text (public: safe to show and to copy to hubs). */
    public String caPem() {
        return pem(ca);
    }

    public Path caFile() {
        return folder.resolve(CA_CERT);
    }

    /** The SHA-256 fingerprint of the authority's certificate, upper-case hex pairs joined by colons. */
    public String caFingerprint() {
        return fingerprint(ca);
    }

    public X509Certificate brokerCertificate() {
        return broker;
    }

    PrivateKey brokerKey() {
        return brokerKey;
    }

    /** The DNS names and IP addresses the broker certificate holds. */
    public List<String> brokerNames() {
        return subjectAltNames(broker);
    }

    /** Copies the authority's certificate (never a key) to {@code target}. */
    public void exportCa(Path target) {
        try {
            Files.writeString(target, caPem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsException("Cannot write the CA certificate to " + target + ": " + e.getMessage(), e);
        }
    }

    private boolean needsRenewal(Collection<String> names, Instant now) {
        if (broker.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return true;
        }
        try {
            broker.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return true;
        }
        Set<String> held = new LinkedHashSet<>(brokerNames());
        return !held.containsAll(normalised(names));
    }

    private static ConsoleCertificates issueBroker(Path folder, X509Certificate ca, PrivateKey caKey,
                                                   Collection<String> names, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair pair = newKeyPair();
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : normalised(names)) {
            boolean address = looksLikeAddress(name);
            alternatives.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        String commonName = normalised(names).stream().filter(n -> !looksLikeAddress(n)).findFirst().orElse("localhost");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                serial(), java.util.Date.from(now.minus(Duration.ofHours(1))),
                java.util.Date.from(now.plus(BROKER_VALIDITY)), new X500Name("CN=" + commonName + ",O=Domus"),
                pair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(alternatives.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        X509Certificate certificate = sign(builder, caKey);
        writePem(folder.resolve(BROKER_KEY), pem(pair.getPrivate()), true);
        writePem(folder.resolve(BROKER_CERT), pem(certificate), false);
        LOG.info("Issued the broker's TLS certificate for {} (until {})", normalised(names),
                certificate.getNotAfter().toInstant());
        return new ConsoleCertificates(folder, ca, caKey, certificate, pair.getPrivate());
    }

    private static X509Certificate issueCa(KeyPair pair, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name subject = new X500Name("CN=Domus console CA " + HexFormat.of().formatHex(serial().toByteArray(), 0, 4)
                + ",O=Domus");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                java.util.Date.from(now.minus(Duration.ofHours(1))), java.util.Date.from(now.plus(CA_VALIDITY)),
                subject, pair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, pair.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        X509CertificateHolder holder = builder.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static List<String> normalised(Collection<String> names) {
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (looksLikeAddress(trimmed)) {
                try {
                    trimmed = hostAddress(InetAddress.getByName(trimmed));
                } catch (IOException e) {
                    continue;
                }
            }
            unique.add(trimmed);
        }
        return List.copyOf(unique);
    }

    private static String hostAddress(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        text = scope < 0 ? text : text.substring(0, scope);
        return text;
    }

    static boolean looksLikeAddress(String name) {
        return name.contains(":") || name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    String value = String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT);
                    names.add(looksLikeAddress(value) ? normalised(List.of(value)).getFirst() : value);
                }
            }
        } catch (CertificateParsingException e) {
            LOG.debug("Unreadable subject alternative names: {}", e.toString());
        }
        return names;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    private static String pem(Object value) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (value instanceof PrivateKey key) {
                writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                writer.writeObject(value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM to memory", e);
        }
        return text.toString();
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IOException(file.getFileName() + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (!(object instanceof PrivateKeyInfo info)) {
                throw new IOException(file.getFileName() + " holds no private key");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        }
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(folder);
        }
    }

    /** Written beside the target with its final permissions, then moved into place. */
    private static void writePem(Path file, String text, boolean secret) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
            if (secret) {
                partial.toFile().setReadable(false, false);
                partial.toFile().setReadable(true, true);
            }
        }
        Files.writeString(partial, text, StandardCharsets.US_ASCII);
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
