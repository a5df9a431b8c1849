package org.domus.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Instants on the command line: {@code 2026-11-23T10:00:00Z}, {@code 2026-11-23T11:00:00+01:00}, or a date
 * {@code 2026-11-23} (in UTC). Both ends of a range are included: a date as the start means its first instant,
 * as the end its last.
 */
final class TimeArguments {

    private TimeArguments() {
    }

    /** {@code --from}: a date is the start of that day (UTC). */
    static final class RangeStart implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            return parse(text, false);
        }
    }

    /** {@code --to}: a date includes that whole day (UTC): its last instant. */
    static final class RangeEnd implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            return parse(text, true);
        }
    }

    static Instant parse(String text, boolean endOfDay) {
        String trimmed = text.strip();
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException notAnInstant) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try a date
        }
        try {
            LocalDate date = LocalDate.parse(trimmed);
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1) : start;
        } catch (DateTimeParseException notADate) {
            throw new TypeConversionException("'" + text + "' is not an ISO instant (2026-11-23T10:00:00Z) or date (2026-11-23)");
        }
    }
}
