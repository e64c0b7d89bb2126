namespace CollectorLb.DevServices.Registry;

/// <summary>Settings of a <see cref="RegistryServer"/>.</summary>
public sealed class RegistryServerOptions
{
    /// <summary>IP address (or "localhost") to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="RegistryServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>How often every connector is pinged; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> disables pinging.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one ping may take before the connector counts as dead.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay added to every answer under <see cref="RegistryBehavior.Slow"/>.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Approximate size of the <c>/services</c> body under <see cref="RegistryBehavior.HugeBody"/>.</summary>
    public long HugeBodyBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Initial behavior; change it later through <see cref="RegistryServer.Behavior"/>.</summary>
    public RegistryBehavior Behavior { get; init; } = RegistryBehavior.Normal;

    /// <summary>Where request lines and framework warnings go; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
