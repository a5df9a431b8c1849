package org.domus.app.export;

import java.io.IOException;
import java.io.Writer;
import org.domus.model.AttributeKind;
import org.domus.model.SeriesPath;

/** The formats of {@code domus export}. */
public enum ExportFormat {
    /** {@code ts,house,room,device,attribute,value} with a header row (RFC 4180 quoting). */
    CSV,
    /** One JSON array of objects with the same fields; numeric values as JSON numbers. */
    JSON;

    public ReadingWriter writer(Writer out, SeriesPath series, AttributeKind kind) throws IOException {
        return switch (this) {
            case CSV -> new CsvReadingWriter(out, series);
            case JSON -> new JsonReadingWriter(out, series, kind);
        };
    }
}
