namespace CollectorLb.Grains.Options;

/// <summary>How a FileGrain retries. Section <c>CollectorLb:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "CollectorLb:Delivery";

    /// <summary>Delay before the first retry; doubles with each failure.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Cap of the retry delay.</summary>
    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Delay before asking again when the pool knows no connector.</summary>
    public double NoConnectorRetrySeconds { get; set; } = 2;

    /// <summary>Failed attempts after which a file is quarantined instead of retried.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Uploads this silo runs at once; further files wait on disk (back pressure).</summary>
    public int MaxUploadsInFlight { get; set; } = 64;

    /// <summary>An upload running longer than this gets a durable reminder, so a crash cannot strand its file.</summary>
    public double LongUploadSeconds { get; set; } = 60;

    /// <summary>Period of the reminder that brings back a failed or long-running file (Orleans' minimum is one minute).</summary>
    public double StuckFileReminderSeconds { get; set; } = 60;

    /// <summary>On shutdown, how long uploads already running may finish; no new one starts.</summary>
    public double ShutdownGraceSeconds { get; set; } = 20;
}
