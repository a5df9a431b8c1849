package org.domus.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.domus.model.AttributeKind;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;

class CsvReadingWriterTest {

    private static final SeriesPath SERIES = SeriesPath.parse("demo/kitchen/display/message");

    @Test
    void quotesOnlyValuesThatNeedIt() throws IOException {
        StringWriter out = new StringWriter();
        ReadingWriter writer = ExportFormat.CSV.writer(out, SERIES, AttributeKind.TEXT);
        writer.begin();
        writer.reading(Instant.parse("2026-11-23T10:00:00Z"), "plain");
        writer.reading(Instant.parse("2026-11-23T10:00:01Z"), "a, b");
        writer.reading(Instant.parse("2026-11-23T10:00:02Z"), "say \"hi\"");
        writer.reading(Instant.parse("2026-11-23T10:00:03Z"), "two\nlines");
        writer.end();

        assertEquals("""
                ts,house,room,device,attribute,value
                2026-11-23T10:00:00Z,demo,kitchen,display,message,plain
                2026-11-23T10:00:01Z,demo,kitchen,display,message,"a, b"
                2026-11-23T10:00:02Z,demo,kitchen,display,message,"say ""hi\"\"\"
                2026-11-23T10:00:03Z,demo,kitchen,display,message,"two
                lines"
                """, out.toString());
    }

    @Test
    void writesNumericValuesAsJsonNumbersAndOthersAsStrings() throws IOException {
        StringWriter out = new StringWriter();
        ReadingWriter writer = ExportFormat.JSON.writer(out, SERIES, AttributeKind.NUMERIC);
        writer.begin();
        writer.reading(Instant.parse("2026-11-23T10:00:00Z"), "21.5");
        writer.reading(Instant.parse("2026-11-23T10:00:01Z"), "n/a");
        writer.end();

        assertEquals("""
                [
                {"ts":"2026-11-23T10:00:00Z","house":"demo","room":"kitchen","device":"display","attribute":"message","value":21.5},
                {"ts":"2026-11-23T10:00:01Z","house":"demo","room":"kitchen","device":"display","attribute":"message","value":"n/a"}
                ]
                """, out.toString());
    }

    @Test
    void writesAnEmptyJsonArrayForNoReadings() throws IOException {
        StringWriter out = new StringWriter();
        ReadingWriter writer = ExportFormat.JSON.writer(out, SERIES, AttributeKind.NUMERIC);
        writer.begin();
        writer.end();
        assertEquals("[\n]\n", out.toString());
    }
}
