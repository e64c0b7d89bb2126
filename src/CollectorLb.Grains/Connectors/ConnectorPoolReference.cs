using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// The pool grain of the configured registry, resolved once per silo: Orleans works out the grain interface type on
/// every GetGrain call, which cost 1.4 % of the silo's CPU when each file's grain did it on activation.
/// </summary>
public sealed class ConnectorPoolReference(IGrainFactory grainFactory, IOptions<RegistryOptions> registryOptions)
{
    private IConnectorPoolGrain? _pool;

    public IConnectorPoolGrain Pool => _pool ??= grainFactory.GetGrain<IConnectorPoolGrain>(registryOptions.Value.BaseUrl);
}
