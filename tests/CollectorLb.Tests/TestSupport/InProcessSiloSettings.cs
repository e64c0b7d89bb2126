using System.Globalization;

namespace CollectorLb.Tests.TestSupport;

/// <summary>What every TestingHost silo of these tests is configured with: its host, the loopback registry, nfcapd off, fast timings.</summary>
public static class InProcessSiloSettings
{
    public static Dictionary<string, string?> Fast(string hostId, string flowDirectory, int registryPort) => new()
    {
        ["CollectorLb:HostId"] = hostId,
        ["CollectorLb:FlowDirectory"] = flowDirectory,
        ["CollectorLb:Registry:Host"] = "127.0.0.1",
        ["CollectorLb:Registry:Port"] = registryPort.ToString(CultureInfo.InvariantCulture),
        ["CollectorLb:Registry:TimeoutSeconds"] = "1",
        ["CollectorLb:Nfcapd:Enabled"] = "false",
        ["CollectorLb:Watcher:RescanSeconds"] = "1",
        ["CollectorLb:Watcher:StableSeconds"] = "0.3",
        ["CollectorLb:Upload:ConnectTimeoutSeconds"] = "1",
        ["CollectorLb:Upload:TimeoutSeconds"] = "3",
        ["CollectorLb:Delivery:RetryBaseDelaySeconds"] = "0.2",
        ["CollectorLb:Delivery:RetryMaxDelaySeconds"] = "1",
        ["CollectorLb:Delivery:NoConnectorRetrySeconds"] = "0.3",
        ["CollectorLb:Pool:RegistryRefreshSeconds"] = "1",
    };
}
