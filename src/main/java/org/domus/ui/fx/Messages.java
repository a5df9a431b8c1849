package org.domus.ui.fx;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visible text of one view, from its resource bundle in one locale. A missing key shows the key itself
 * (and is logged once at debug): a forgotten translation is visible, never an exception. Immutable.
 */
public final class Messages {

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    /** The console's own bundle (shell, houses, simulators). */
    public static final String CONSOLE = "org.domus.ui.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** Loads {@code baseName} (for example {@code org.domus.ui.messages}) for {@code locale}. */
    public static Messages load(String baseName, Locale locale) {
        Objects.requireNonNull(locale, "locale");
        // No fallback to the machine's default locale: English is the base bundle.
        ResourceBundle bundle = ResourceBundle.getBundle(baseName, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, locale);
    }

    /** The console's own bundle for {@code locale}. */
    public static Messages console(Locale locale) {
        return load(CONSOLE, locale);
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            LOG.debug("No text for {} in {}", key, bundle.getBaseBundleName());
            return key;
        }
    }

    /** The text of {@code key}, or empty when the bundle has none. */
    public java.util.Optional<String> find(String key) {
        return bundle.containsKey(key) ? java.util.Optional.of(bundle.getString(key)) : java.util.Optional.empty();
    }

    /** {@link #text} formatted with {@link MessageFormat} in this locale: {@code {0}}, {@code {1,number}}. */
    public String format(String key, Object... arguments) {
        return new MessageFormat(text(key), locale).format(arguments);
    }
}
