using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Options;

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new SettingErrors(DeliveryOptions.SectionName);
        errors.Range(nameof(options.RetryBaseDelaySeconds), options.RetryBaseDelaySeconds, 0.01, 3600);
        errors.Range(nameof(options.RetryMaxDelaySeconds), options.RetryMaxDelaySeconds, 0.01, 86400);
        errors.Range(nameof(options.NoConnectorRetrySeconds), options.NoConnectorRetrySeconds, 0.01, 3600);
        errors.Range(nameof(options.MaxAttempts), options.MaxAttempts, 1, 1000);
        errors.Range(nameof(options.MaxUploadsInFlight), options.MaxUploadsInFlight, 1, 10000);
        errors.Range(nameof(options.LongUploadSeconds), options.LongUploadSeconds, 0.1, 86400);
        errors.Range(nameof(options.StuckFileReminderSeconds), options.StuckFileReminderSeconds, 1, 86400);
        errors.Range(nameof(options.ShutdownGraceSeconds), options.ShutdownGraceSeconds, 0, 3600);
        if (options.RetryMaxDelaySeconds < options.RetryBaseDelaySeconds)
        {
            errors.Add(nameof(options.RetryMaxDelaySeconds), $"must not be below RetryBaseDelaySeconds ({options.RetryBaseDelaySeconds}); got {options.RetryMaxDelaySeconds}.");
        }

        return errors.ToResult();
    }
}
