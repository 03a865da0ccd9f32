package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Limits and defaults of the conversation history and the customer context.
 *
 * @param maxTranscriptMessages      most messages in one interaction's transcript
 * @param maxTranscriptBytes         most UTF-8 bytes of one transcript's texts together
 * @param maxSummaryLength           most characters of an interaction's summary
 * @param defaultContextInteractions latest interactions in a customer context when the request names no count
 * @param maxContextInteractions     the most a request may ask for
 * @param contextScanLimit           most interactions per identity node that one context read looks at for its
 *                                   signals (the last 30 days); beyond it the signals say they are truncated
 * @param watchPollInterval          how often open context streams look for changes made by any instance
 */
@ConfigurationProperties("tellonce.history")
public record HistorySettings(int maxTranscriptMessages, int maxTranscriptBytes, int maxSummaryLength,
                              int defaultContextInteractions, int maxContextInteractions, int contextScanLimit,
                              Duration watchPollInterval) {
}
