using System.Net;
using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Configuration;

internal sealed class NfcapdOptionsValidator : IValidateOptions<NfcapdOptions>
{
    public ValidateOptionsResult Validate(string? name, NfcapdOptions options)
    {
        var errors = new SettingErrors(NfcapdOptions.SectionName);
        errors.Range(nameof(options.Port), options.Port, 1, 65535, "NFCAPD_PORT");
        errors.Range(nameof(options.IntervalSeconds), options.IntervalSeconds, 2, 86400, "NFCAPD_INTERVAL_SECONDS");
        errors.Range(nameof(options.MaxRestartDelaySeconds), options.MaxRestartDelaySeconds, 1, 3600);
        if (string.IsNullOrWhiteSpace(options.Executable))
        {
            errors.Add(nameof(options.Executable), "must name the nfcapd program.");
        }

        if (!string.IsNullOrEmpty(options.BindAddress) && !IPAddress.TryParse(options.BindAddress, out _))
        {
            errors.Add(nameof(options.BindAddress), $"must be an IP address; got '{options.BindAddress}'.");
        }

        return errors.ToResult();
    }
}
