using CollectorLb.Grains.Connectors.Balancing;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Options;

internal sealed class ConnectorPoolOptionsValidator : IValidateOptions<ConnectorPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorPoolOptions options)
    {
        var errors = new SettingErrors(ConnectorPoolOptions.SectionName);
        if (!LoadBalancingPolicies.All.Contains(options.Policy))
        {
            errors.Add(nameof(options.Policy), $"must be one of {string.Join(", ", LoadBalancingPolicies.All)}; got '{options.Policy}'.");
        }

        errors.Range(nameof(options.RegistryRefreshSeconds), options.RegistryRefreshSeconds, 0.1, 3600);
        errors.Range(nameof(options.LeaseTimeoutSeconds), options.LeaseTimeoutSeconds, 1, 86400);
        errors.Range(nameof(options.MaxInFlightPerConnector), options.MaxInFlightPerConnector, 1, 10000);
        errors.Range(nameof(options.FailuresBeforeEjection), options.FailuresBeforeEjection, 1, 1000);
        errors.Range(nameof(options.EjectionSeconds), options.EjectionSeconds, 0.01, 86400);
        errors.Range(nameof(options.MaxEjectionSeconds), options.MaxEjectionSeconds, 0.01, 86400);
        errors.Range(nameof(options.PingSeconds), options.PingSeconds, 0.05, 3600);
        return errors.ToResult();
    }
}
