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
}
