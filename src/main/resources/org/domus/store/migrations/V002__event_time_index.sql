-- The event trail is read newest first.
CREATE INDEX event_ts ON event (ts);
