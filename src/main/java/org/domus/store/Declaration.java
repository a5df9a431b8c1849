package org.domus.store;

/**
 * What a message says about the house model rather than about values: a device describing itself, or a vendor
 * binding going away. Applied by the writer in the record's transaction, before the record's readings.
 */
public sealed interface Declaration permits DeviceDeclaration, VendorBindingRemoval {
}
