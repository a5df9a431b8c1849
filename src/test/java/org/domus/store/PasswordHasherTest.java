package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

    @Test
    void verifiesTheRightPassword() {
        String encoded = hasher.hash("correct horse".toCharArray());
        assertTrue(encoded.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), encoded);
        assertTrue(hasher.verify("correct horse".toCharArray(), encoded));
    }

    @Test
    void rejectsWrongPassword() {
        String encoded = hasher.hash("correct horse".toCharArray());
        assertFalse(hasher.verify("correct horsf".toCharArray(), encoded));
        assertFalse(hasher.verify(new char[0], encoded));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.hash("same".toCharArray()), hasher.hash("same".toCharArray()));
    }

    @Test
    void verifiesWithTheParametersStoredInTheHash() {
        String standard = PasswordHasher.standard().hash("pw".toCharArray());
        assertTrue(standard.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertTrue(hasher.verify("pw".toCharArray(), standard));
    }

    @Test
    void rejectsMalformedHashesWithoutThrowing() {
        String good = hasher.hash("pw".toCharArray());
        String[] bad = {
            "", "plain", "$argon2id$", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            good.replace("v=19", "v=16"), good.replace("m=64", "m=x"), good.replace("m=64", "m=99999999"),
            good.replace("t=1", "t=0"), good.substring(0, good.lastIndexOf('$')) + "$!!!",
            good.substring(0, good.lastIndexOf('$')) + "$", good + "$extra", "$argon2id$v=19$m=64,t=1$c2FsdA$aGFzaA",
        };
        for (String encoded : bad) {
            assertFalse(hasher.verify("pw".toCharArray(), encoded), encoded);
        }
        assertFalse(hasher.verify("pw".toCharArray(), null));
        assertFalse(hasher.verify(null, good));
    }

    @Test
    void makesUrlSafeRandomSecrets() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = PasswordHasher.randomSecret();
            assertTrue(secret.matches("[A-Za-z0-9_-]{24,}"), secret);
            seen.add(secret);
        }
        assertEquals(100, seen.size());
    }
}
