package org.domus.app.export;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes one series' readings as they stream out of the store: {@link #begin}, any number of {@link #reading},
 * {@link #end}. Holds nothing but the current row.
 */
public interface ReadingWriter {

    void begin() throws IOException;

    void reading(Instant ts, String value) throws IOException;

    void end() throws IOException;
}
