package org.domus.broker;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.moquette.broker.security.IAuthenticator;
import org.domus.model.ProblemLog;
import org.domus.store.CredentialRepository;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates MQTT connections against the store's hashed credentials and remembers who each username is.
 * The slow KDF runs once per username and password: a successful check is remembered as a keyed digest (never
 * the password), so thousands of devices of one house reconnecting do not each pay for it.
 * Called on Netty threads.
 */
final class Identities implements IAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Identities.class);

    private final CredentialRepository credentials;
    private final PasswordHasher hasher;
    private final String demoHouse;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final byte[] pepper = new byte[32];
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(ClientIdentity identity, byte[] digest, String passwordHash) {
    }

    Identities(CredentialRepository credentials, PasswordHasher hasher, String demoHouse) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.demoHouse = demoHouse;
        new SecureRandom().nextBytes(pepper);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (password == null) {
            return refuse(clientId, username, "no password given");
        }
        Optional<MqttCredential> found = credentials.find(username);
        if (found.isEmpty()) {
            return refuse(clientId, username, "unknown user");
        }
        MqttCredential credential = found.get();
        byte[] digest = digest(username, password);
        Verified known = verified.get(username);
        if (known != null && known.passwordHash().equals(credential.passwordHash())
                && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        // Exactly the decoded characters: the buffer's backing array can be longer than the text.
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(password));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        boolean ok;
        try {
            ok = hasher.verify(chars, credential.passwordHash());
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (!ok) {
            return refuse(clientId, username, "wrong password");
        }
        verified.put(username, new Verified(identityOf(credential), digest, credential.passwordHash()));
        return true;
    }

    /** The identity of an accepted connection: {@code username} null means anonymous (demo mode only). */
    Optional<ClientIdentity> identityOf(String username) {
        if (username == null) {
            return demoHouse == null ? Optional.empty() : Optional.of(ClientIdentity.anonymousDemo(demoHouse));
        }
        Verified known = verified.get(username);
        if (known != null) {
            return Optional.of(known.identity());
        }
        return credentials.find(username).map(Identities::identityOf);
    }

    /** Forgets what was verified: call after a credential changes. */
    void forget(String username) {
        verified.remove(username);
    }

    private static ClientIdentity identityOf(MqttCredential credential) {
        return "console".equals(credential.role())
                ? ClientIdentity.console(credential.username())
                : ClientIdentity.house(credential.username(), credential.house());
    }

    private boolean refuse(String clientId, String username, String reason) {
        problems.report("auth:" + clientId + ":" + username + ":" + reason,
                "Refused MQTT connection of client " + clientId + " (user " + username + "): " + reason);
        return false;
    }

    private byte[] digest(String username, byte[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
