package org.domus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the database. Telemetry arrives as {@link IngestRecord}s; every other write is a
 * task given to {@link #execute}. Each turn of the loop takes what is queued (at most
 * {@link StoreOptions#maxBatchMessages()} items) and writes it in one transaction; then it tells every record's
 * {@code onDone}, completes the tasks' futures and calls the {@link CommitListener}s, all on the writer thread.
 *
 * <p>A record's {@link Declaration}s (devices describing themselves, vendor bindings) are applied before its
 * readings, in the same transaction; see {@link DeviceDeclaration} for what they may change.
 *
 * <p>A failed transaction (disk full, I/O error, ...) is rolled back, every record in it is told why, one WARN
 * line is logged per distinct reason, and the next batch tries again: the thread never dies.
 *
 * <p>{@link #submit}, {@link #execute} and the counters are thread-safe and never block.
 */
public final class TelemetryWriter {

    private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);
    private static final Object STOP = new Object();
    private static final int FLUSH_ROWS = 8192;
    private static final long MINUTE_MICROS = 60_000_000L;
    private static final long HOUR_MICROS = 3_600_000_000L;
    static final String UNKNOWN_KIND = "unknown";

    private final Connection connection;
    private final int maxBatch;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedRecords = new AtomicInteger();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean closed;

    private final AtomicLong committedReadings = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong committedTransactions = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong unknownHouseReadings = new AtomicLong();

    // Writer thread only.
    private final Statements sql;
    private final Map<SeriesPath, Series> seriesCache = new HashMap<>();
    private final Map<String, Long> houseIds = new HashMap<>();
    private String lastFailure;
    private final Set<String> callbackFailuresLogged = new HashSet<>();
    /** The items of the transaction being written, while its tasks run; tasks queued from them join it. */
    private List<Object> inTransaction;
    /** Statements the repositories' tasks use again and again, prepared once (writer thread only). */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    TelemetryWriter(Connection connection, int maxBatch) throws SQLException {
        this.connection = connection;
        this.maxBatch = maxBatch;
        this.sql = new Statements(connection);
        this.thread = Thread.ofPlatform().name("domus-store-writer").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues one message's readings. Never blocks. {@code onDone} is called on the writer thread once the
     * transaction holding the record committed or failed; after {@code close} it is called at once, failed.
     */
    public void submit(IngestRecord record) {
        Objects.requireNonNull(record, "record");
        var readLock = gate.readLock();
        readLock.lock();
        try {
            if (!closed) {
                queuedRecords.incrementAndGet();
                queue.add(record);
                return;
            }
        } finally {
            readLock.unlock();
        }
        notifyDone(record, WriteOutcome.failed("the store is closed"));
    }

    /** Records queued and not yet taken into a transaction. */
    public int queuedRecords() {
        return queuedRecords.get();
    }

    /**
     * Runs {@code work} on the writer thread, inside the writer's transaction (in a savepoint of its own, so a
     * task that throws undoes only its own writes). {@code work} must not commit, roll back or change the
     * connection's auto-commit mode. The future completes on the writer thread after the commit: use the
     * {@code *Async} continuations for anything slow. It fails with the task's exception, or with a
     * {@link StoreException} when the transaction could not be committed.
     */
    public <T> CompletableFuture<T> execute(Function<Connection, T> work) {
        return enqueue(new Task<>(work, false));
    }

    /**
     * Runs {@code action} on the writer thread, inside the writer's transaction, like {@link #execute}: what it
     * writes through the repositories (their {@code execute}d tasks) joins that same transaction, so one commit
     * holds it all, and each such write's future completes after that commit. This is how a service whose state
     * lives on the writer thread (the command service) takes its inputs with no thread of its own.
     * The future completes after the commit, on the writer thread.
     */
    public CompletableFuture<Void> run(Runnable action) {
        Objects.requireNonNull(action, "action");
        return enqueue(new Task<Void>(c -> {
            action.run();
            return null;
        }, false));
    }

    /** Whether the calling thread is the writer's (a commit listener, a completion, a task). */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * The statement for {@code text} on the writer's connection, prepared the first time and kept: for tasks
     * that run often (a command's outbox row, an event). Writer thread only; do not close it.
     */
    PreparedStatement prepared(Connection c, String text) throws SQLException {
        if (c != connection || Thread.currentThread() != thread) {
            throw new IllegalStateException("a kept statement is for the writer's own tasks");
        }
        PreparedStatement statement = prepared.get(text);
        if (statement == null) {
            statement = connection.prepareStatement(text);
            prepared.put(text, statement);
        }
        statement.clearParameters();
        return statement;
    }

    private <T> CompletableFuture<T> enqueue(Task<T> task) {
        if (inTransaction != null && Thread.currentThread() == thread) {
            inTransaction.add(task); // queued by a task of this transaction: written and committed with it
            return task.future;
        }
        var readLock = gate.readLock();
        readLock.lock();
        try {
            if (!closed) {
                queue.add(task);
                return task.future;
            }
        } finally {
            readLock.unlock();
        }
        return CompletableFuture.failedFuture(new StoreException("The database is closed."));
    }

    /** Runs {@code work} on the writer thread and waits for it; for the repositories. */
    <T> T call(SqlSupport.SqlFunction<T> work) {
        return call(work, false);
    }

    /**
     * As {@link #call(SqlSupport.SqlFunction)}, for work that deletes houses, devices or attributes: the readings
     * batched before it are written first (so the work removes them too), and the writer forgets the series and
     * houses it knows, so readings after it create their device afresh instead of writing to a deleted series.
     */
    <T> T callReshaping(SqlSupport.SqlFunction<T> work) {
        return call(work, true);
    }

    private <T> T call(SqlSupport.SqlFunction<T> work, boolean reshapes) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a store write cannot wait for the writer from the writer thread "
                    + "(a CommitListener or onDone callback): use writer().execute and do not wait");
        }
        CompletableFuture<T> future = enqueue(new Task<>(c -> {
            try {
                return work.apply(c);
            } catch (SQLException e) {
                throw new StoreException("Writing to the database failed: " + SqlSupport.describe(e) + ".", e);
            }
        }, reshapes));
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StoreException("Writing to the database failed: " + SqlSupport.describe(e.getCause()) + ".",
                    e.getCause());
        }
    }

    public void addCommitListener(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * As {@link #addCommitListener}, but told before the listeners added so far: for one that wakes a waiting
     * caller (the command service completing a command), so that the others' work and hand-offs (live state, the
     * rules' queue) come after it.
     */
    public void addCommitListenerFirst(CommitListener listener) {
        listeners.add(0, Objects.requireNonNull(listener, "listener"));
    }

    public void removeCommitListener(CommitListener listener) {
        listeners.remove(listener);
    }

    /** Readings written since the store opened. */
    public long committedReadings() {
        return committedReadings.get();
    }

    /** Transactions committed since the store opened. */
    public long committedTransactions() {
        return committedTransactions.get();
    }

    /** Transactions that failed and were rolled back. */
    public long failedBatches() {
        return failedBatches.get();
    }

    /**
     * Readings not written because they were already stored: redelivered messages recognised by their receipt,
     * and readings whose (series, device timestamp) was already present.
     */
    public long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    /** Readings dropped because their house does not exist. */
    public long unknownHouseReadings() {
        return unknownHouseReadings.get();
    }

    /** Stops taking work, writes what is queued, stops the thread and closes the connection. */
    void close(long timeoutMillis) {
        var writeLock = gate.writeLock();
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        } finally {
            writeLock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return; // called from a callback: the loop ends after this batch
        }
        if (!thread.isAlive()) {
            // Never started: nothing else owns the connection.
            failRemaining(new ArrayList<>(queue), "the store is closed");
            sql.closeQuietly();
            closeConnectionQuietly();
            return;
        }
        try {
            if (!thread.join(java.time.Duration.ofMillis(timeoutMillis))) {
                log.warn("The store writer did not finish within {} ms; {} records were still queued",
                        timeoutMillis, queuedRecords.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the writer thread

    private void run() {
        List<Object> items = new ArrayList<>(Math.min(maxBatch, 65_536));
        try {
            boolean stop = false;
            while (!stop) {
                try {
                    items.add(queue.take());
                } catch (InterruptedException e) {
                    continue; // only close() stops this thread
                }
                queue.drainTo(items, maxBatch - 1);
                if (items.getLast() == STOP) {
                    items.removeLast();
                    stop = true; // nothing is queued after STOP
                }
                int records = 0;
                for (Object item : items) {
                    if (item instanceof IngestRecord) {
                        records++;
                    }
                }
                queuedRecords.addAndGet(-records);
                if (!items.isEmpty()) {
                    try {
                        process(items);
                    } catch (Throwable unexpected) {
                        // process() handles its own failures; this is the last line of defence for the thread.
                        log.error("The store writer hit an unexpected error: {}", unexpected.toString());
                    }
                }
                items.clear();
            }
        } finally {
            for (PreparedStatement statement : prepared.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            sql.closeQuietly();
            closeConnectionQuietly();
        }
    }

    private void process(List<Object> items) {
        Batch batch = new Batch();
        try {
            sql.begin();
            inTransaction = items;
            int done = processItems(batch, items, 0);
            flushRows(batch);
            if (!batch.stored.isEmpty()) {
                List<Reading> storedSoFar = Collections.unmodifiableList(batch.stored);
                for (CommitListener listener : listeners) {
                    try {
                        listener.beforeCommit(storedSoFar);
                    } catch (RuntimeException e) {
                        logCallbackFailure("A before-commit listener", e);
                    }
                }
                processItems(batch, items, done); // what the listeners queued joins this transaction
            }
            inTransaction = null;
            flushRows(batch);
            writeRollups(sql.upsertMinute, batch.minute);
            writeRollups(sql.upsertHour, batch.hour);
            if (batch.receiptsBatched > 0) {
                sql.upsertReceipt.executeBatch();
            }
            sql.commit();
        } catch (Throwable failure) {
            inTransaction = null;
            sql.rollbackQuietly();
            seriesCache.clear();
            houseIds.clear();
            failed(items, failure);
            return;
        }
        succeeded(items, batch);
    }

    /**
     * Writes {@code items} from {@code from} on; by index, since a task may queue more tasks (see enqueue), which
     * land at the end of items and are written in turn. Returns the index reached (the size of items).
     */
    private int processItems(Batch batch, List<Object> items, int from) throws SQLException {
        int i = from;
        for (; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof IngestRecord record) {
                addRecord(batch, record);
            } else if (item instanceof Task<?> task) {
                if (task.reshapes) {
                    writePending(batch);
                }
                runTask(task);
                if (task.reshapes) {
                    seriesCache.clear();
                    houseIds.clear();
                }
            }
        }
        return i;
    }

    /** Writes the rows and rollups batched so far (rollups accumulate, so writing them twice is exact). */
    private void writePending(Batch batch) throws SQLException {
        flushRows(batch);
        writeRollups(sql.upsertMinute, batch.minute);
        writeRollups(sql.upsertHour, batch.hour);
        batch.minute.clear();
        batch.hour.clear();
    }

    private void addRecord(Batch batch, IngestRecord record) throws SQLException {
        RecordState state = new RecordState(record);
        batch.states.add(state);
        DeliveryReceipt receipt = record.receipt();
        if (receipt != null) {
            ReceiptKey key = new ReceiptKey(receipt.clientId(), receipt.packetId());
            if (receipt.redelivery() && alreadyStored(batch, key, receipt.contentHash())) {
                state.duplicate = true;
                batch.duplicates += record.readings().size();
                return;
            }
            batch.receipts.put(key, receipt.contentHash());
            sql.upsertReceipt.setString(1, receipt.clientId());
            sql.upsertReceipt.setInt(2, receipt.packetId());
            sql.upsertReceipt.setLong(3, receipt.contentHash());
            sql.upsertReceipt.addBatch();
            batch.receiptsBatched++;
        }
        for (Declaration declaration : record.declarations()) {
            if (!declare(batch, declaration)) {
                state.unknownHouse++;
            }
        }
        for (Reading reading : record.readings()) {
            Series series = resolve(batch, reading);
            if (series == null) {
                state.unknownHouse++;
                continue;
            }
            long ts = SqlSupport.micros(reading.timestamp());
            if (!reading.timestampFromDevice() && ts <= series.lastTs) {
                ts = series.lastTs + 1; // two arrivals in the same instant stay two readings
            }
            if (ts > series.lastTs) {
                series.lastTs = ts;
            }
            batch.rows.add(new Row(state, series.id, ts, reading));
        }
        if (batch.rows.size() >= FLUSH_ROWS) {
            flushRows(batch);
        }
    }

    private boolean alreadyStored(Batch batch, ReceiptKey key, long contentHash) throws SQLException {
        Long inBatch = batch.receipts.get(key);
        if (inBatch != null) {
            return inBatch == contentHash;
        }
        sql.selectReceipt.setString(1, key.clientId());
        sql.selectReceipt.setInt(2, key.packetId());
        try (ResultSet rows = sql.selectReceipt.executeQuery()) {
            return rows.next() && rows.getLong(1) == contentHash;
        }
    }

    private void flushRows(Batch batch) throws SQLException {
        if (batch.rows.isEmpty()) {
            return;
        }
        PreparedStatement insert = sql.insertTelemetry;
        for (Row row : batch.rows) {
            Reading reading = row.reading;
            Double number = reading.number();
            boolean numeric = number != null && Double.isFinite(number);
            insert.setLong(1, row.series);
            insert.setLong(2, row.ts);
            if (numeric) {
                insert.setDouble(3, number);
            } else {
                insert.setNull(3, Types.REAL);
            }
            if (numeric && reading.kind() == AttributeKind.NUMERIC) {
                insert.setNull(4, Types.VARCHAR);
            } else {
                insert.setString(4, reading.text());
            }
            insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            Row row = batch.rows.get(i);
            if (counts[i] <= 0) {
                batch.duplicates++;
                continue;
            }
            row.owner.stored++;
            Reading reading = row.reading;
            batch.stored.add(SqlSupport.micros(reading.timestamp()) == row.ts
                    ? reading : reading.withTimestamp(SqlSupport.instant(row.ts)));
            Double number = reading.number();
            if (number != null && Double.isFinite(number)) {
                aggregate(batch.minute, row.series, Math.floorDiv(row.ts, MINUTE_MICROS) * 60, row.ts, number);
                aggregate(batch.hour, row.series, Math.floorDiv(row.ts, HOUR_MICROS) * 3600, row.ts, number);
            }
        }
        batch.rows.clear();
    }

    private static void aggregate(Map<BucketKey, Aggregate> buckets, long series, long bucket, long ts, double value) {
        Aggregate aggregate = buckets.computeIfAbsent(new BucketKey(series, bucket), k -> new Aggregate());
        aggregate.add(ts, value);
    }

    private static void writeRollups(PreparedStatement upsert, Map<BucketKey, Aggregate> buckets) throws SQLException {
        if (buckets.isEmpty()) {
            return;
        }
        for (Map.Entry<BucketKey, Aggregate> entry : buckets.entrySet()) {
            Aggregate a = entry.getValue();
            upsert.setLong(1, entry.getKey().series());
            upsert.setLong(2, entry.getKey().bucket());
            upsert.setDouble(3, a.min);
            upsert.setDouble(4, a.max);
            upsert.setDouble(5, a.sum);
            upsert.setLong(6, a.count);
            upsert.setDouble(7, a.last);
            upsert.setLong(8, a.lastTs);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    /** The series of a reading; creates its device (in the inbox) and attribute when missing; null if no house. */
    private Series resolve(Batch batch, Reading reading) throws SQLException {
        SeriesPath path = reading.series();
        Series series = seriesCache.get(path);
        if (series != null) {
            return series;
        }
        Long houseId = houseId(batch, path.house());
        if (houseId == null) {
            return null;
        }
        long deviceId = deviceId(batch, houseId, path);
        long attributeId = attributeId(deviceId, path.attribute(), reading.kind());
        series = new Series(attributeId, lastTimestamp(attributeId));
        seriesCache.put(path, series);
        return series;
    }

    private Long houseId(Batch batch, String slug) throws SQLException {
        Long id = houseIds.get(slug);
        if (id != null || batch.unknownHouses.contains(slug)) {
            return id;
        }
        sql.selectHouse.setString(1, slug);
        try (ResultSet rows = sql.selectHouse.executeQuery()) {
            if (rows.next()) {
                id = rows.getLong(1);
                houseIds.put(slug, id);
                return id;
            }
        }
        batch.unknownHouses.add(slug);
        return null;
    }

    private long deviceId(Batch batch, long houseId, SeriesPath path) throws SQLException {
        sql.selectDevice.setLong(1, houseId);
        sql.selectDevice.setString(2, path.room());
        sql.selectDevice.setString(3, path.device());
        try (ResultSet rows = sql.selectDevice.executeQuery()) {
            if (rows.next()) {
                return rows.getLong(1);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sql.insertDevice.setLong(1, houseId);
        sql.insertDevice.setString(2, path.room());
        sql.insertDevice.setString(3, path.device());
        sql.insertDevice.setString(4, path.device());
        sql.insertDevice.setString(5, UNKNOWN_KIND);
        sql.insertDevice.setLong(6, SqlSupport.micros(now));
        sql.insertDevice.executeUpdate();
        long id = sql.lastInsertId();
        batch.discovered.add(new Device(id, houseId, path.deviceAddress(), null, path.device(), UNKNOWN_KIND, now));
        return id;
    }

    /** Applies one declaration; false when its house does not exist. */
    private boolean declare(Batch batch, Declaration declaration) throws SQLException {
        return switch (declaration) {
            case DeviceDeclaration device -> declareDevice(batch, device);
            case VendorBindingRemoval removal -> removeBinding(batch, removal);
        };
    }

    private boolean declareDevice(Batch batch, DeviceDeclaration declaration) throws SQLException {
        DeviceAddress address = declaration.address();
        Long houseId = houseId(batch, address.house());
        if (houseId == null) {
            return false;
        }
        VendorBinding binding = declaration.binding();
        String boundName = null;
        String boundKind = null;
        if (binding != null) {
            sql.selectBinding.setLong(1, houseId);
            sql.selectBinding.setString(2, binding.vendor());
            sql.selectBinding.setString(3, binding.vendorId());
            try (ResultSet rows = sql.selectBinding.executeQuery()) {
                if (rows.next()) {
                    boundName = rows.getString(1);
                    boundKind = rows.getString(2);
                }
            }
        }
        long deviceId;
        sql.selectDeviceRow.setLong(1, houseId);
        sql.selectDeviceRow.setString(2, address.room());
        sql.selectDeviceRow.setString(3, address.device());
        Long existing = null;
        Long roomId = null;
        String name = null;
        String kind = null;
        try (ResultSet rows = sql.selectDeviceRow.executeQuery()) {
            if (rows.next()) {
                existing = rows.getLong(1);
                roomId = SqlSupport.getNullableLong(rows, 2);
                name = rows.getString(3);
                kind = rows.getString(4);
            }
        }
        if (existing == null) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            sql.insertDevice.setLong(1, houseId);
            sql.insertDevice.setString(2, address.room());
            sql.insertDevice.setString(3, address.device());
            sql.insertDevice.setString(4, declaration.name());
            sql.insertDevice.setString(5, declaration.kind());
            sql.insertDevice.setLong(6, SqlSupport.micros(now));
            sql.insertDevice.executeUpdate();
            deviceId = sql.lastInsertId();
            batch.discovered.add(new Device(deviceId, houseId, address, null, declaration.name(), declaration.kind(),
                    now));
        } else {
            deviceId = existing;
            // Only what discovery gave may change: never a device the user placed or renamed.
            boolean asDiscovered = UNKNOWN_KIND.equals(kind)
                    || roomId == null && name.equals(boundName) && kind.equals(boundKind);
            boolean different = !name.equals(declaration.name()) || !kind.equals(declaration.kind());
            if (asDiscovered && different) {
                sql.updateDevice.setString(1, declaration.name());
                sql.updateDevice.setString(2, declaration.kind());
                sql.updateDevice.setLong(3, deviceId);
                sql.updateDevice.executeUpdate();
                batch.discovered.replaceAll(d -> d.id() == deviceId ? new Device(d.id(), d.houseId(), d.address(),
                        d.roomId(), declaration.name(), declaration.kind(), d.discoveredAt()) : d);
            }
        }
        for (AttributeDeclaration attribute : declaration.attributes()) {
            PreparedStatement upsert = sql.upsertAttribute;
            upsert.setLong(1, deviceId);
            upsert.setString(2, attribute.name());
            upsert.setString(3, attribute.kind().code());
            upsert.setString(4, attribute.unit());
            upsert.setInt(5, attribute.writable() ? 1 : 0);
            SqlSupport.setNullableDouble(upsert, 6, attribute.min());
            SqlSupport.setNullableDouble(upsert, 7, attribute.max());
            upsert.setString(8, HouseRepository.encodeChoices(attribute.choices()));
            upsert.executeUpdate();
        }
        if (binding != null) {
            PreparedStatement upsert = sql.upsertBinding;
            upsert.setLong(1, houseId);
            upsert.setString(2, binding.vendor());
            upsert.setString(3, binding.vendorId());
            upsert.setString(4, address.room());
            upsert.setString(5, address.device());
            upsert.setString(6, binding.name());
            upsert.setString(7, binding.kind());
            upsert.setString(8, binding.spec());
            upsert.setLong(9, SqlSupport.micros(Instant.now()));
            upsert.executeUpdate();
        }
        return true;
    }

    private boolean removeBinding(Batch batch, VendorBindingRemoval removal) throws SQLException {
        Long houseId = houseId(batch, removal.house());
        if (houseId == null) {
            return false;
        }
        sql.deleteBinding.setLong(1, houseId);
        sql.deleteBinding.setString(2, removal.vendor());
        sql.deleteBinding.setString(3, removal.vendorId());
        sql.deleteBinding.executeUpdate();
        return true;
    }

    private long attributeId(long deviceId, String name, AttributeKind kind) throws SQLException {
        sql.selectAttribute.setLong(1, deviceId);
        sql.selectAttribute.setString(2, name);
        try (ResultSet rows = sql.selectAttribute.executeQuery()) {
            if (rows.next()) {
                return rows.getLong(1);
            }
        }
        sql.insertAttribute.setLong(1, deviceId);
        sql.insertAttribute.setString(2, name);
        sql.insertAttribute.setString(3, kind.code());
        sql.insertAttribute.executeUpdate();
        return sql.lastInsertId();
    }

    private long lastTimestamp(long series) throws SQLException {
        sql.selectLastTs.setLong(1, series);
        try (ResultSet rows = sql.selectLastTs.executeQuery()) {
            if (rows.next()) {
                long ts = rows.getLong(1);
                if (!rows.wasNull()) {
                    return ts;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private void runTask(Task<?> task) throws SQLException {
        sql.savepoint();
        try {
            task.run(connection);
        } catch (RuntimeException e) {
            task.error = e;
            // Fails (and so fails the batch) if SQLite already rolled the whole transaction back.
            sql.rollbackToSavepoint();
            return;
        }
        sql.releaseSavepoint();
    }

    private void succeeded(List<Object> items, Batch batch) {
        // Counters first, so whoever is told a record is done sees them include it.
        long stored = 0;
        long unknown = 0;
        for (RecordState state : batch.states) {
            stored += state.stored;
            unknown += state.unknownHouse;
        }
        committedReadings.addAndGet(stored);
        committedTransactions.incrementAndGet();
        unknownHouseReadings.addAndGet(unknown);
        duplicatesSkipped.addAndGet(batch.duplicates);
        int next = 0;
        for (Object item : items) {
            if (item instanceof IngestRecord record) {
                RecordState state = batch.states.get(next++);
                notifyDone(record, new WriteOutcome(true, state.duplicate, state.stored, state.unknownHouse, null));
            } else if (item instanceof Task<?> task) {
                task.complete();
            }
        }
        if (lastFailure != null) {
            log.info("Writing to the database works again");
            lastFailure = null;
        }
        if (batch.stored.isEmpty() && batch.discovered.isEmpty()) {
            return;
        }
        List<Reading> storedReadings = Collections.unmodifiableList(batch.stored);
        List<Device> discovered = List.copyOf(batch.discovered);
        for (CommitListener listener : listeners) {
            try {
                listener.onCommitted(storedReadings, discovered);
            } catch (RuntimeException e) {
                logCallbackFailure("A commit listener", e);
            }
        }
    }

    private void failed(List<Object> items, Throwable failure) {
        String reason = SqlSupport.describe(failure);
        failedBatches.incrementAndGet();
        if (!reason.equals(lastFailure)) {
            log.warn("Writing to the database failed, {} messages not stored: {}", countRecords(items), reason);
            lastFailure = reason;
        }
        if (!(failure instanceof SQLException)) {
            log.debug("Store writer failure", failure);
        }
        failRemaining(items, reason);
    }

    private void failRemaining(List<Object> items, String reason) {
        for (Object item : items) {
            if (item instanceof IngestRecord record) {
                notifyDone(record, WriteOutcome.failed(reason));
            } else if (item instanceof Task<?> task) {
                task.future.completeExceptionally(new StoreException("Writing to the database failed: " + reason + "."));
            }
        }
    }

    private static int countRecords(List<Object> items) {
        int n = 0;
        for (Object item : items) {
            if (item instanceof IngestRecord) {
                n++;
            }
        }
        return n;
    }

    private void notifyDone(IngestRecord record, WriteOutcome outcome) {
        Consumer<WriteOutcome> onDone = record.onDone();
        if (onDone == null) {
            return;
        }
        try {
            onDone.accept(outcome);
        } catch (RuntimeException e) {
            logCallbackFailure("An onDone callback", e);
        }
    }

    private void logCallbackFailure(String what, RuntimeException e) {
        String key = what + e.getClass().getName();
        boolean first;
        synchronized (callbackFailuresLogged) {
            first = callbackFailuresLogged.size() < 100 && callbackFailuresLogged.add(key);
        }
        if (first) {
            log.warn("{} failed (logged once): {}", what, e.toString());
        }
    }

    private void closeConnectionQuietly() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the write connection failed: {}", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ state

    /** One series as the writer knows it: its id and the newest timestamp written to it. */
    private static final class Series {
        final long id;
        long lastTs;

        Series(long id, long lastTs) {
            this.id = id;
            this.lastTs = lastTs;
        }
    }

    private record ReceiptKey(String clientId, int packetId) {
    }

    private record BucketKey(long series, long bucket) {
    }

    private record Row(RecordState owner, long series, long ts, Reading reading) {
    }

    private static final class RecordState {
        final IngestRecord record;
        int stored;
        int unknownHouse;
        boolean duplicate;

        RecordState(IngestRecord record) {
            this.record = record;
        }
    }

    private static final class Aggregate {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        long count;
        double last;
        long lastTs = Long.MIN_VALUE;

        void add(long ts, double value) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            count++;
            if (ts >= lastTs) {
                lastTs = ts;
                last = value;
            }
        }
    }

    /** What one transaction has done so far. */
    private static final class Batch {
        final List<RecordState> states = new ArrayList<>(); // in the order of the batch's records
        final Map<ReceiptKey, Long> receipts = new HashMap<>();
        final Set<String> unknownHouses = new HashSet<>();
        final List<Row> rows = new ArrayList<>();
        final Map<BucketKey, Aggregate> minute = new HashMap<>();
        final Map<BucketKey, Aggregate> hour = new HashMap<>();
        final List<Reading> stored = new ArrayList<>();
        final List<Device> discovered = new ArrayList<>();
        int receiptsBatched;
        long duplicates;
    }

    private static final class Task<T> {
        final Function<Connection, T> work;
        final boolean reshapes;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        RuntimeException error;

        Task(Function<Connection, T> work, boolean reshapes) {
            this.work = Objects.requireNonNull(work, "work");
            this.reshapes = reshapes;
        }

        void run(Connection connection) {
            result = work.apply(connection);
        }

        void complete() {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        }
    }

    /** The writer's prepared statements, reused for every batch. */
    private static final class Statements {
        final PreparedStatement begin;
        final PreparedStatement commit;
        final PreparedStatement rollback;
        final PreparedStatement savepoint;
        final PreparedStatement rollbackToSavepoint;
        final PreparedStatement releaseSavepoint;
        final PreparedStatement insertTelemetry;
        final PreparedStatement upsertMinute;
        final PreparedStatement upsertHour;
        final PreparedStatement selectReceipt;
        final PreparedStatement upsertReceipt;
        final PreparedStatement selectHouse;
        final PreparedStatement selectDevice;
        final PreparedStatement insertDevice;
        final PreparedStatement selectAttribute;
        final PreparedStatement insertAttribute;
        final PreparedStatement selectLastTs;
        final PreparedStatement lastInsertId;
        final PreparedStatement selectDeviceRow;
        final PreparedStatement updateDevice;
        final PreparedStatement upsertAttribute;
        final PreparedStatement selectBinding;
        final PreparedStatement upsertBinding;
        final PreparedStatement deleteBinding;
        private final List<PreparedStatement> all = new ArrayList<>();

        Statements(Connection c) throws SQLException {
            begin = prepare(c, "BEGIN IMMEDIATE");
            commit = prepare(c, "COMMIT");
            rollback = prepare(c, "ROLLBACK");
            savepoint = prepare(c, "SAVEPOINT domus_task");
            rollbackToSavepoint = prepare(c, "ROLLBACK TO domus_task");
            releaseSavepoint = prepare(c, "RELEASE domus_task");
            insertTelemetry = prepare(c, "INSERT OR IGNORE INTO telemetry (series, ts, num, txt) VALUES (?, ?, ?, ?)");
            upsertMinute = prepare(c, rollupUpsert("rollup_minute"));
            upsertHour = prepare(c, rollupUpsert("rollup_hour"));
            selectReceipt = prepare(c, "SELECT content_hash FROM ingest_receipt WHERE client_id = ? AND packet_id = ?");
            upsertReceipt = prepare(c, "INSERT INTO ingest_receipt (client_id, packet_id, content_hash) VALUES (?, ?, ?)"
                    + " ON CONFLICT (client_id, packet_id) DO UPDATE SET content_hash = excluded.content_hash");
            selectHouse = prepare(c, "SELECT id FROM house WHERE slug = ?");
            selectDevice = prepare(c, "SELECT id FROM device WHERE house_id = ? AND topic_room = ? AND slug = ?");
            insertDevice = prepare(c, "INSERT INTO device (house_id, topic_room, slug, room_id, name, kind, discovered_at)"
                    + " VALUES (?, ?, ?, NULL, ?, ?, ?)");
            selectAttribute = prepare(c, "SELECT id FROM attribute WHERE device_id = ? AND name = ?");
            insertAttribute = prepare(c, "INSERT INTO attribute (device_id, name, kind, unit, writable) VALUES (?, ?, ?, '', 0)");
            selectLastTs = prepare(c, "SELECT max(ts) FROM telemetry WHERE series = ?");
            lastInsertId = prepare(c, "SELECT last_insert_rowid()");
            selectDeviceRow = prepare(c, "SELECT id, room_id, name, kind FROM device"
                    + " WHERE house_id = ? AND topic_room = ? AND slug = ?");
            updateDevice = prepare(c, "UPDATE device SET name = ?, kind = ? WHERE id = ?");
            upsertAttribute = prepare(c, "INSERT INTO attribute (device_id, name, kind, unit, writable, min, max, choices)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, name) DO UPDATE SET"
                    + " kind = excluded.kind, unit = excluded.unit, writable = excluded.writable,"
                    + " min = excluded.min, max = excluded.max, choices = excluded.choices");
            selectBinding = prepare(c, "SELECT name, kind FROM vendor_binding"
                    + " WHERE house_id = ? AND vendor = ? AND vendor_id = ?");
            upsertBinding = prepare(c, "INSERT INTO vendor_binding (house_id, vendor, vendor_id, topic_room, device,"
                    + " name, kind, spec, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (house_id, vendor, vendor_id) DO UPDATE SET topic_room = excluded.topic_room,"
                    + " device = excluded.device, name = excluded.name, kind = excluded.kind, spec = excluded.spec,"
                    + " updated_at = excluded.updated_at");
            deleteBinding = prepare(c, "DELETE FROM vendor_binding WHERE house_id = ? AND vendor = ? AND vendor_id = ?");
        }

        private static String rollupUpsert(String table) {
            return "INSERT INTO " + table + " (series, bucket, min_value, max_value, sum_value, count, last, last_ts)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series, bucket) DO UPDATE SET"
                    + " min_value = min(min_value, excluded.min_value),"
                    + " max_value = max(max_value, excluded.max_value),"
                    + " sum_value = sum_value + excluded.sum_value,"
                    + " count = count + excluded.count,"
                    + " last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,"
                    + " last_ts = max(last_ts, excluded.last_ts)";
        }

        private PreparedStatement prepare(Connection c, String text) throws SQLException {
            PreparedStatement statement = c.prepareStatement(text);
            all.add(statement);
            return statement;
        }

        long lastInsertId() throws SQLException {
            try (ResultSet rows = lastInsertId.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }

        void begin() throws SQLException {
            try {
                begin.execute();
            } catch (SQLException e) {
                // A transaction left open by an earlier failure: end it and start afresh.
                rollbackQuietly();
                begin.execute();
            }
        }

        void commit() throws SQLException {
            commit.execute();
        }

        void savepoint() throws SQLException {
            savepoint.execute();
        }

        void rollbackToSavepoint() throws SQLException {
            rollbackToSavepoint.execute();
            releaseSavepoint.execute();
        }

        void releaseSavepoint() throws SQLException {
            releaseSavepoint.execute();
        }

        void rollbackQuietly() {
            for (PreparedStatement statement : all) {
                try {
                    statement.clearBatch();
                } catch (SQLException ignored) {
                    // closed or nothing batched
                }
            }
            try {
                rollback.execute();
            } catch (SQLException e) {
                log.debug("Rollback: {}", e.getMessage()); // usually: SQLite already rolled back
            }
        }

        void closeQuietly() {
            for (PreparedStatement statement : all) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
