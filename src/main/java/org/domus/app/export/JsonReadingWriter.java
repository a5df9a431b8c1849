package org.domus.app.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import org.domus.model.AttributeKind;
import org.domus.model.SeriesPath;

/**
 * A JSON array of {@code {"ts", "house", "room", "device", "attribute", "value"}} objects, one per line, written
 * with Jackson's streaming generator. A numeric attribute's values are JSON numbers; anything else is a string.
 */
final class JsonReadingWriter implements ReadingWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;
    private final SeriesPath series;
    private final boolean numeric;

    JsonReadingWriter(Writer out, SeriesPath series, AttributeKind kind) throws IOException {
        this.json = FACTORY.createGenerator(out);
        // One object per line: readable, and still one valid JSON document.
        this.json.setPrettyPrinter(new LinePerElementPrinter());
        this.series = series;
        this.numeric = kind == AttributeKind.NUMERIC;
    }

    @Override
    public void begin() throws IOException {
        json.writeStartArray();
    }

    @Override
    public void reading(Instant ts, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("ts", ts.toString());
        json.writeStringField("house", series.house());
        json.writeStringField("room", series.room());
        json.writeStringField("device", series.device());
        json.writeStringField("attribute", series.attribute());
        json.writeFieldName("value");
        BigDecimal number = numeric ? parseNumber(value) : null;
        if (number != null) {
            json.writeNumber(number);
        } else {
            json.writeString(value);
        }
        json.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
    }

    private static BigDecimal parseNumber(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code [} and {@code ]} on their own lines, each array element on one line, no other whitespace. */
    private static final class LinePerElementPrinter extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(nrOfValues > 0 ? "\n]" : "]");
        }
    }
}
