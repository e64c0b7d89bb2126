using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Files;

/// <summary>Exponential backoff with a cap and +-20% jitter, so files that failed together do not retry together.</summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int failedAttempts, DeliveryOptions options, Random random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var seconds = Math.Min(options.RetryMaxDelaySeconds, options.RetryBaseDelaySeconds * Math.Pow(2, exponent));
        var jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromSeconds(seconds * jitter);
    }
}
