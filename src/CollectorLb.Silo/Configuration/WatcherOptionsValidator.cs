using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Configuration;

internal sealed class WatcherOptionsValidator : IValidateOptions<WatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, WatcherOptions options)
    {
        var errors = new SettingErrors(WatcherOptions.SectionName);
        errors.Range(nameof(options.RescanSeconds), options.RescanSeconds, 0.1, 3600);
        errors.Range(nameof(options.StableSeconds), options.StableSeconds, 0.05, 600);
        errors.Range(nameof(options.MaxClaimedFiles), options.MaxClaimedFiles, 1, 1_000_000);
        errors.Range(nameof(options.MaxConcurrentReports), options.MaxConcurrentReports, 1, 1024);
        return errors.ToResult();
    }
}
