package org.domus.ui.rules;

/** The kinds of trigger the editor offers; each shows its own fields. */
public enum TriggerType {
    THRESHOLD, STATE_CHANGE, DEVICE_OFFLINE, SCHEDULE, HUB_OFFLINE, BAD_PAYLOADS
}
