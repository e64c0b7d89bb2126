using CollectorLb.Grains.Options;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>Defaults of the silo (it runs on them in every scenario) that the scenarios size themselves by.</summary>
internal static class SiloDefaults
{
    /// <summary>Uploads one connector may have at once: 4 connectors x this is the silo's upload concurrency.</summary>
    public static int InFlightPerConnector { get; } = new ConnectorPoolOptions().MaxInFlightPerConnector;
}
