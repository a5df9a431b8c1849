package org.domus.ui.rawtopics;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.ingest.RawTopics;

/**
 * The installer's raw topics screen: the newest payload of each vendor and hub topic ingest saw, filtered by
 * what the user types. Read-only; payloads arrive already printable ({@link RawTopics}) and are only shown as
 * text. {@link #refresh} (polled by the view while it shows) takes a snapshot on {@code background} and hands it
 * to {@code fx}; properties change on the FX thread.
 */
public final class RawTopicsViewModel {

    /** One row as the table shows it. */
    public record Row(String topic, String payload, long count, String lastSeen, String client, int bytes) {
    }

    private final Supplier<List<RawTopics.Topic>> topics;
    private final Supplier<Long> dropped;
    private final Locale locale;
    private final ResourceBundle bundle;
    private final Executor background;
    private final Executor fx;
    private final DateTimeFormatter time;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private List<RawTopics.Topic> latest = List.of();
    private long droppedCount;

    public RawTopicsViewModel(RawTopics rawTopics, Locale locale, Executor background, Executor fx) {
        this(Objects.requireNonNull(rawTopics, "rawTopics")::snapshot, rawTopics::dropped, locale, background, fx);
    }

    RawTopicsViewModel(Supplier<List<RawTopics.Topic>> topics, Supplier<Long> dropped, Locale locale,
                       Executor background, Executor fx) {
        this.topics = topics;
        this.dropped = dropped;
        this.locale = Objects.requireNonNull(locale, "locale");
        this.bundle = ResourceBundle.getBundle("org.domus.ui.rawtopics.messages", locale);
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        filter.addListener((observable, old, typed) -> show());
        show();
    }

    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    /** The rows shown (filtered), newest first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** What to filter by: a part of the topic, payload or client id, any case. */
    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Takes a new snapshot; a refresh still running is not doubled. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                List<RawTopics.Topic> snapshot = topics.get();
                long lost = dropped.get();
                fx.execute(() -> {
                    latest = snapshot;
                    droppedCount = lost;
                    show();
                });
            } finally {
                refreshing.set(false);
            }
        });
    }

    private void show() {
        String wanted = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        List<Row> shown = latest.stream()
                .filter(t -> wanted.isEmpty() || contains(t.topic(), wanted) || contains(t.payload(), wanted)
                        || t.clientId() != null && contains(t.clientId(), wanted))
                .map(t -> new Row(t.topic(), t.payload(), t.count(), time.format(t.lastSeen()),
                        t.clientId() == null ? "" : t.clientId(), t.payloadBytes()))
                .toList();
        if (!shown.equals(rows)) {
            rows.setAll(shown);
        }
        String text = wanted.isEmpty() ? text("summary", latest.size()) : text("shown", shown.size(), latest.size());
        summary.set(droppedCount > 0 ? text + " · " + text("dropped", droppedCount) : text);
    }

    private static boolean contains(String text, String wanted) {
        return text.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
