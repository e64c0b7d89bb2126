using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Files;

/// <summary>
/// What a failed attempt means for its file. Only the file's own failures count toward quarantine (a refusal while the
/// connector takes other files, an unreadable file); an outage or a shutdown says nothing about the file, so it just
/// waits for a connector again.
/// </summary>
/// <param name="FileFailures">The file's own failures, this one included when it counts.</param>
/// <param name="RetryIn">When to try again; null when the file is to be quarantined (or the silo stops).</param>
internal sealed record AttemptVerdict(bool CountsAgainstFile, int FileFailures, TimeSpan? RetryIn)
{
    public bool Quarantine(bool shuttingDown) => RetryIn is null && !shuttingDown;

    public static AttemptVerdict Of(UploadResult result, FailureScope scope, int fileFailuresBefore, DeliveryOptions options, bool shuttingDown, Random random)
    {
        var counts = result.Outcome switch
        {
            UploadOutcome.Unreadable => true,
            UploadOutcome.Refused or UploadOutcome.NoAnswer => scope == FailureScope.ThisFile,
            _ => false,
        };
        var failures = fileFailuresBefore + (counts ? 1 : 0);
        TimeSpan? retryIn = shuttingDown || failures >= options.MaxAttempts ? null
            : counts ? RetryBackoff.Delay(failures, options, random)
            : options.NoConnectorRetryDelay;
        return new AttemptVerdict(counts, failures, retryIn);
    }
}
