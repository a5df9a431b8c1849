package org.domus.provision;

import java.nio.file.Path;
import java.util.List;
import org.domus.model.Hub;

/**
 * What provisioning wrote. The two passwords are shown once to the installer and kept nowhere in clear but in
 * the hub's own files; {@link #toString} hides them.
 *
 * @param hubPassword     the hub bridge's console password (inside the bridge configuration)
 * @param deviceUser      the login the house's devices use on the hub's local broker
 * @param devicePassword  its password (the hub holds only its hash)
 * @param cmdlineAddition what must end the one line of the boot partition's {@code cmdline.txt}
 * @param cmdlineUpdated  true when {@code outDir} held a {@code cmdline.txt} and it now ends so
 */
public record ProvisionResult(Hub hub, Path outDir, List<Path> files, Path zip, Path sheet, String hubPassword,
                              String deviceUser, String devicePassword, String cmdlineAddition,
                              boolean cmdlineUpdated, String caFingerprint) {

    public ProvisionResult {
        files = List.copyOf(files);
    }

    @Override
    public String toString() {
        return "ProvisionResult[" + hub + ", out=" + outDir + ", " + files.size() + " files, zip=" + zip
                + ", sheet=" + sheet + ", passwords=(hidden)]";
    }
}
