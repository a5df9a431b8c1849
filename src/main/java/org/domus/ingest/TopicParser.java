package org.domus.ingest;

import org.domus.model.SeriesPath;
import org.domus.model.Slugs;

/** Parses topics against the contract in DESIGN.md. Pure and thread-safe. */
public final class TopicParser {

    private TopicParser() {
    }

    public static TopicRoute parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            return new TopicRoute.Invalid("the topic is empty");
        }
        if (topic.indexOf('\0') >= 0) {
            return new TopicRoute.Invalid("the topic contains a NUL character");
        }
        String[] levels = topic.split("/", -1);
        if (!levels[0].equals("domus")) {
            return new TopicRoute.Invalid("the topic does not start with domus/");
        }
        if (levels.length < 3) {
            return new TopicRoute.Invalid("the topic is too short for domus/{house}/…");
        }
        String house = levels[1];
        if (!Slugs.isValid(house)) {
            return new TopicRoute.Invalid(Slugs.describeProblem("house", house));
        }
        String second = levels[2];
        if (second.equals("hub")) {
            return new TopicRoute.Hub(house, topic.substring(("domus/" + house + "/hub").length()));
        }
        if (second.equals("raw")) {
            if (levels.length < 4) {
                return new TopicRoute.Invalid("a raw topic needs the vendor topic after domus/{house}/raw/");
            }
            return new TopicRoute.Raw(house, topic.substring(("domus/" + house + "/raw/").length()));
        }
        if (levels.length < 5 || levels.length > 6) {
            return new TopicRoute.Invalid("expected domus/{house}/{room}/{device}/{attribute}[/set], got "
                    + levels.length + " levels");
        }
        for (int i = 2; i < 5; i++) {
            String what = i == 2 ? "room" : i == 3 ? "device" : "attribute";
            if (!Slugs.isValid(levels[i])) {
                return new TopicRoute.Invalid(Slugs.describeProblem(what, levels[i]));
            }
        }
        SeriesPath series = new SeriesPath(house, levels[2], levels[3], levels[4]);
        if (levels.length == 6) {
            return levels[5].equals("set") ? new TopicRoute.Command(series)
                    : new TopicRoute.Invalid("the level after the attribute can only be \"set\"");
        }
        return new TopicRoute.State(series);
    }
}
