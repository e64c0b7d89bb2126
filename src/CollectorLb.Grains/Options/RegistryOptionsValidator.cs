using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Options;

internal sealed class RegistryOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var errors = new SettingErrors(RegistryOptions.SectionName);
        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            errors.Add($"{nameof(options.Host)} (REGISTRY_IP)", $"must be a host name or IP address; got '{options.Host}'.");
        }

        errors.Range(nameof(options.Port), options.Port, 1, 65535, "REGISTRY_PORT");
        if (options.Scheme is not ("http" or "https"))
        {
            errors.Add(nameof(options.Scheme), $"must be http or https; got '{options.Scheme}'.");
        }

        errors.Range(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 0.1, 600);
        return errors.ToResult();
    }
}
