package io.tellonce.profile.cassandra;

import jakarta.inject.Singleton;

/**
 * Named points inside merges and unmerges, between their writes. Production does nothing there;
 * tests replace this bean to stop an operation at each point, as a killed process would, and check
 * that the next reader finishes it.
 */
@Singleton
public class ClusterSteps {
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
