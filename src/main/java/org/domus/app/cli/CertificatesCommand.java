package org.domus.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.domus.app.DomusConfig;
import org.domus.app.Logging;
import org.domus.broker.ConsoleCertificates;
import org.domus.broker.TlsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code domus certificates}: shows, renews and exports the console's TLS certificates (made if missing). */
@Command(name = "certificates", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the console's CA and broker certificate (made on first use), renew the broker's, or"
                + " export the CA certificate that hubs and clients trust.")
public final class CertificatesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--renew", description = "Issue the broker's certificate again (the CA stays); restart the"
            + " console to use it.")
    private boolean renew;

    @Option(names = "--export-ca", paramLabel = "FILE", description = "Write the CA certificate (PEM) to FILE.")
    private Path exportCa;

    @Override
    public Integer call() {
        Logging.quietConsole();
        DomusConfig config = common.config();
        PrintWriter out = spec.commandLine().getOut();
        try {
            ConsoleCertificates certificates = ConsoleCertificates.loadOrCreate(config.dataDir(),
                    ConsoleCertificates.machineNames(), Clock.systemUTC());
            if (renew) {
                certificates = certificates.renew(certificates.brokerNames(), Clock.systemUTC());
                out.println("Renewed the broker certificate; restart the console to present it.");
            }
            if (exportCa != null) {
                certificates.exportCa(exportCa.toAbsolutePath());
                out.println("Wrote the CA certificate to " + exportCa.toAbsolutePath());
            }
            out.println("CA:     " + certificates.caCertificate().getSubjectX500Principal().getName()
                    + ", SHA-256 " + certificates.caFingerprint() + ", until "
                    + certificates.caCertificate().getNotAfter().toInstant());
            out.println("Broker: " + String.join(", ", certificates.brokerNames()) + ", until "
                    + certificates.brokerCertificate().getNotAfter().toInstant());
            out.flush();
            return 0;
        } catch (TlsException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }
}
