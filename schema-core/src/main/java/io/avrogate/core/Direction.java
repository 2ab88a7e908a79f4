package io.avrogate.core;

/** Which way a compatibility check reads data. */
public enum Direction {
    /** Backward: the new schema reads data written with an old one. */
    NEW_READS_OLD,
    /** Forward: an old schema reads data written with the new one. */
    OLD_READS_NEW
}
