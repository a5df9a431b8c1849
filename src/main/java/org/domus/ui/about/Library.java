package org.domus.ui.about;

import java.util.Objects;

/**
 * One library Domus ships, as the About dialog lists it.
 *
 * @param group    the Maven groupId, for example {@code io.moquette}
 * @param artifact the Maven artifactId, for example {@code moquette-broker}
 * @param version  the version the build resolved
 * @param licence  its licence (an SPDX expression), or "unknown"
 */
public record Library(String group, String artifact, String version, String licence) {

    public Library {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(licence, "licence");
        if (group.isBlank() || artifact.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("a library needs a group, an artifact and a version");
        }
    }

    /** {@code groupId:artifactId}, the key of {@code licences.txt}. */
    public String coordinates() {
        return group + ":" + artifact;
    }
}
