package org.domus.app.export;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.domus.model.SeriesPath;

/** {@code ts,house,room,device,attribute,value}, one line per reading, fields quoted only when they must be. */
final class CsvReadingWriter implements ReadingWriter {

    static final String HEADER = "ts,house,room,device,attribute,value";

    private final Writer out;
    private final String seriesColumns;

    CsvReadingWriter(Writer out, SeriesPath series) {
        this.out = out;
        // Slugs never need quoting.
        this.seriesColumns = series.house() + ',' + series.room() + ',' + series.device() + ',' + series.attribute() + ',';
    }

    @Override
    public void begin() throws IOException {
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    public void reading(Instant ts, String value) throws IOException {
        out.write(ts.toString());
        out.write(',');
        out.write(seriesColumns);
        out.write(quote(value));
        out.write('\n');
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
