using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Configuration;

internal sealed class PortOptionsValidator : IValidateOptions<PortOptions>
{
    public ValidateOptionsResult Validate(string? name, PortOptions options)
    {
        var errors = new SettingErrors(PortOptions.SectionName);
        errors.Range(nameof(options.HttpPort), options.HttpPort, 1, 65535);
        errors.Range(nameof(options.SiloPort), options.SiloPort, 1, 65535);
        errors.Range(nameof(options.GatewayPort), options.GatewayPort, 1, 65535);
        if (options.SiloPort == options.GatewayPort || options.HttpPort == options.SiloPort || options.HttpPort == options.GatewayPort)
        {
            errors.Add("*Port", $"must be three different ports; got HTTP {options.HttpPort}, silo {options.SiloPort}, gateway {options.GatewayPort}.");
        }

        return errors.ToResult();
    }
}
