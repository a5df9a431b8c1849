package org.domus.rules;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Unix cron expressions (cron-utils), evaluated in a house's time zone. */
public final class Schedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
    }

    /** The parsed expression; throws {@link IllegalArgumentException} with a one-line reason. */
    static Cron parse(String expression) {
        try {
            return PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + expression + "\" is not a cron schedule such as \"0 9 * * MON\""
                    + " (minute hour day month weekday): " + firstLine(e.getMessage()), e);
        }
    }

    /** The first time strictly after {@code after} that the schedule fires, in {@code zone}. */
    public static Optional<Instant> next(String expression, Instant after, ZoneId zone) {
        ExecutionTime times = ExecutionTime.forCron(parse(expression));
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
