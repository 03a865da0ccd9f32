package io.tellonce.profile.cassandra;

import jakarta.inject.Singleton;

/**
 * Named points inside merges, unmerges and moves, between their writes. Production does nothing
 * there; tests replace this bean to stop an operation at each point, as a killed process would, and
 * check that the next reader finishes it, or to hold it there past its locks' lifetime, as a long
 * pause would, and check that it can no longer write (ADR 21).
 */
@Singleton
public class ClusterSteps {
    /** Under the locks, everything read and decided, nothing written yet. */
    public static final String MERGE_PLANNED = "merge planned";
    public static final String UNMERGE_PLANNED = "unmerge planned";
    public static final String MOVE_PLANNED = "move planned";
    /** A profile's identifiers were read to check new claims against the policy (under its lock when claiming). */
    public static final String PROFILE_READ = "profile identifiers read";
    /** Some of the operation's profiles are marked, not the last one: it has not committed (ADR 21). */
    public static final String PARTLY_MARKED = "operation partly marked";
    /** The operation is finished and some of its marks are off, not all. */
    public static final String PARTLY_CLEARED = "operation marks partly cleared";
    public static final String MERGE_RECORDED = "merge recorded";
    public static final String MERGE_MEMBER_MOVED = "merge member moved";
    public static final String MERGE_PROFILE_ABSORBED = "merge profile absorbed";
    public static final String UNMERGE_RECORDED = "unmerge recorded";
    public static final String UNMERGE_MEMBER_MOVED = "unmerge member moved";

    /** Called when an operation reaches the step; returns normally in production. */
    public void reached(String step) {
        // nothing to do: the steps exist for fault injection
    }
}
