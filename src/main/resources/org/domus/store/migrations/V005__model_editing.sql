-- What the user sets on an attribute, kept apart from what the device declares (a device describing itself
-- again overwrites unit, never these). label: the display name, '' for the attribute's own name.
-- unit_override: the unit shown, NULL for the device's own unit.
ALTER TABLE attribute ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE attribute ADD COLUMN unit_override TEXT;
