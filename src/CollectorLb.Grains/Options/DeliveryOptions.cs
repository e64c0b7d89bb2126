using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Grains.Options;

/// <summary>How a FileGrain retries. Section <c>CollectorLb:Delivery</c>.</summary>
public sealed class DeliveryOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb:Delivery";

    /// <summary>Delay before the first retry; doubles with each failure.</summary>
    [Setting(0.01, 3600)] public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Cap of the retry delay.</summary>
    [Setting(0.01, 86400)] public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Delay before asking again when the pool knows no connector.</summary>
    [Setting(0.01, 3600)] public double NoConnectorRetrySeconds { get; set; } = 2;

    /// <summary>Failed attempts after which a file is quarantined instead of retried.</summary>
    [Setting(1, 1000)] public int MaxAttempts { get; set; } = 10;

    /// <summary>Uploads this silo runs at once; further files wait on disk (back pressure).</summary>
    [Setting(1, 10000)] public int MaxUploadsInFlight { get; set; } = 64;

    /// <summary>An upload running longer than this gets a durable reminder, so a crash cannot strand its file.</summary>
    [Setting(0.1, 86400)] public double LongUploadSeconds { get; set; } = 60;

    /// <summary>Period of the reminder that brings back a failed or long-running file (Orleans' minimum is one minute).</summary>
    [Setting(1, 86400)] public double StuckFileReminderSeconds { get; set; } = 60;

    /// <summary>On shutdown, how long uploads already running may finish; no new one starts.</summary>
    [Setting(0, 3600)] public double ShutdownGraceSeconds { get; set; } = 20;

    public TimeSpan RetryBaseDelay => TimeSpan.FromSeconds(RetryBaseDelaySeconds);

    public TimeSpan RetryMaxDelay => TimeSpan.FromSeconds(RetryMaxDelaySeconds);

    public TimeSpan NoConnectorRetryDelay => TimeSpan.FromSeconds(NoConnectorRetrySeconds);

    public TimeSpan LongUploadAfter => TimeSpan.FromSeconds(LongUploadSeconds);

    public TimeSpan StuckFileReminderPeriod => TimeSpan.FromSeconds(StuckFileReminderSeconds);

    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            errors.Add(nameof(RetryMaxDelaySeconds), $"must not be below RetryBaseDelaySeconds ({RetryBaseDelaySeconds}); got {RetryMaxDelaySeconds}.");
        }
    }
}
