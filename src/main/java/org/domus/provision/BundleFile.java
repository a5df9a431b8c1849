package org.domus.provision;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of a hub's boot files.
 *
 * @param path       relative, with {@code /} between folders
 * @param secret     holds a secret the hub needs (its bridge password, its local login's hash): written {@code 0600}
 * @param executable a script: written {@code 0755}
 */
public record BundleFile(String path, byte[] content, boolean secret, boolean executable) {

    public BundleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("not a relative bundle path: " + path);
        }
        content = content.clone();
    }

    static BundleFile text(String path, String text) {
        return new BundleFile(path, text.getBytes(StandardCharsets.UTF_8), false, false);
    }

    static BundleFile secret(String path, String text) {
        return new BundleFile(path, text.getBytes(StandardCharsets.UTF_8), true, false);
    }

    static BundleFile script(String path, String text) {
        return new BundleFile(path, text.getBytes(StandardCharsets.UTF_8), false, true);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BundleFile[" + path + ", " + content.length + " bytes" + (secret ? ", secret" : "") + "]";
    }
}
