using CollectorLb.Abstractions.Files;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Options;

internal sealed class SpoolOptionsValidator : IValidateOptions<SpoolOptions>
{
    public ValidateOptionsResult Validate(string? name, SpoolOptions options)
    {
        var errors = new SettingErrors(SpoolOptions.SectionName);
        if (string.IsNullOrWhiteSpace(options.FlowDirectory))
        {
            errors.Add(nameof(options.FlowDirectory), "must name a directory.");
        }

        // The host id is the first part of every file key: what a key refuses, the setting refuses.
        if (string.IsNullOrWhiteSpace(options.HostId) || options.HostId.Length > 200 || FileKey.FindHostOrClaimProblem(options.HostId) is not null)
        {
            errors.Add(nameof(options.HostId), $"must be 1-200 characters without '/' or control characters, and not '.' or '..'; got '{options.HostId}'.");
        }

        return errors.ToResult();
    }
}
