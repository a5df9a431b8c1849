package org.domus.app.cli;

import java.nio.file.Path;
import org.domus.app.ConfigLoader;
import org.domus.app.DomusConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes ({@code --data}, {@code --mqtt-host}, {@code --mqtt-port}, {@code --demo},
 * {@code --max-payload}). A command mixes them in under the name {@value #MIXIN_NAME}; an option given before
 * the subcommand ({@code domus --data X serve}) counts as if given after it.
 */
public final class CommonOptions {

    /** The name under which commands mix these options in: {@code @Mixin(name = CommonOptions.MIXIN_NAME)}. */
    public static final String MIXIN_NAME = "common";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder for the store, the broker's state, logs and settings (default: see below).")
    private Path dataDir;

    @Option(names = "--mqtt-host", paramLabel = "HOST",
            description = "Address the embedded MQTT broker listens on (default: " + ConfigLoader.DEFAULT_MQTT_HOST + ").")
    private String mqttHost;

    @Option(names = "--mqtt-port", paramLabel = "N",
            description = "Port of the embedded MQTT broker, 0 for any free port (default: " + DomusConfig.DEFAULT_MQTT_PORT + ").")
    private Integer mqttPort;

    @Option(names = "--mqtt-tls-port", paramLabel = "N|off", converter = TlsPortConverter.class,
            description = "Port of the broker's TLS listener, 0 for any free port, off for none (default: "
                    + DomusConfig.DEFAULT_MQTT_TLS_PORT + "; any free port when --mqtt-port is 0).")
    private Integer mqttTlsPort;

    @Option(names = "--demo",
            description = "Allow anonymous MQTT clients (loopback only); they belong to the demo house.")
    private boolean demo;

    @Option(names = "--max-payload", paramLabel = "BYTES",
            description = "Refuse MQTT payloads larger than this (default: " + DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES + ").")
    private Integer maxPayloadBytes;

    /** The options as given on the command line, this command's own winning over its parent command's. */
    public ConfigLoader.Overrides overrides() {
        CommonOptions parent = parentOptions();
        ConfigLoader.Overrides inherited = parent == null ? ConfigLoader.Overrides.none() : parent.overrides();
        return new ConfigLoader.Overrides(
                dataDir != null ? dataDir : inherited.dataDir(),
                mqttHost != null ? mqttHost : inherited.mqttHost(),
                mqttPort != null ? mqttPort : inherited.mqttPort(),
                demo || inherited.demo(),
                maxPayloadBytes != null ? maxPayloadBytes : inherited.maxPayloadBytes(),
                mqttTlsPort != null ? mqttTlsPort : inherited.mqttTlsPort());
    }

    /** Defaults, then {@code domus.properties} in the data folder, then these options. */
    public DomusConfig config() {
        return ConfigLoader.load(overrides());
    }

    /** The nearest enclosing command's common options (commands in between need not mix them in). */
    private CommonOptions parentOptions() {
        for (CommandSpec ancestor = mixee == null ? null : mixee.parent(); ancestor != null; ancestor = ancestor.parent()) {
            CommandSpec mixin = ancestor.mixins().get(MIXIN_NAME);
            if (mixin != null && mixin.userObject() instanceof CommonOptions options) {
                return options;
            }
        }
        return null;
    }

    /** A port number, or {@code off} for {@link DomusConfig#OFF}. */
    static final class TlsPortConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            if (text.strip().equalsIgnoreCase("off")) {
                return DomusConfig.OFF;
            }
            try {
                int port = Integer.parseInt(text.strip());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + text
                        + "' is not a port: use a number from 0 to 65535, or off");
            }
        }
    }
}
