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

        if (string.IsNullOrWhiteSpace(options.HostId) || options.HostId.Contains('/') || options.HostId.Length > 200)
        {
            errors.Add(nameof(options.HostId), $"must be 1-200 characters without '/'; got '{options.HostId}'.");
        }

        return errors.ToResult();
    }
}
