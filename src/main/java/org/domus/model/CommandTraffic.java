package org.domus.model;

/**
 * What ingest sees of commands besides plain state: devices' error answers, and commands other MQTT clients
 * publish on {@code …/set} (a {@code domus send} against a running console, say). Implemented by the command
 * service. Called on broker threads: must return at once.
 */
public interface CommandTraffic {

    CommandTraffic NONE = new CommandTraffic() {
        @Override
        public void refused(SeriesPath series, String traceId, String reason) {
        }

        @Override
        public void published(SeriesPath series, String value, AttributeKind kind, String traceId, String clientId) {
        }
    };

    /** A device answered {@code {"error": reason, "trace_id": …}} on {@code series}; {@code traceId} may be null. */
    void refused(SeriesPath series, String traceId, String reason);

    /** Client {@code clientId} published a command setting {@code series} to {@code value}; traceId may be null. */
    void published(SeriesPath series, String value, AttributeKind kind, String traceId, String clientId);
}
