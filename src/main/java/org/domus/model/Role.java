package org.domus.model;

/**
 * Who is at the console. The homeowner sees the house, commands, history, rules, reminders and notifications;
 * the installer also sees credentials, hub provisioning, raw topics and simulator faults, behind a PIN.
 */
public enum Role {
    HOMEOWNER,
    INSTALLER
}
