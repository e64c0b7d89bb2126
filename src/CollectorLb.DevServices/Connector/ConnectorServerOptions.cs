namespace CollectorLb.DevServices.Connector;

/// <summary>Settings of a <see cref="ConnectorServer"/>.</summary>
public sealed class ConnectorServerOptions
{
    /// <summary>Name under which the connector registers, e.g. <c>netflow-source-connector-1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>IP address (or "localhost") to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="ConnectorServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Folder the received files are stored in; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Base URL of a registry to register with (e.g. <c>http://127.0.0.1:5000</c>); no registration when null.</summary>
    public string? RegistryUrl { get; init; }

    /// <summary>URL given to the registry; defaults to <see cref="ConnectorServer.Url"/>. Set it when clients reach
    /// the connector through another name (containers) or when listening on a wildcard address.</summary>
    public string? AdvertisedUrl { get; init; }

    /// <summary>How often the registry entry is refreshed with <c>POST /update</c>.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Initial answer mode; change it later through <see cref="ConnectorServer.Mode"/>.</summary>
    public ConnectorMode Mode { get; init; } = ConnectorMode.Success;

    /// <summary>Wait of <see cref="ConnectorMode.Slow"/>.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many <c>/convert</c> requests are handled at once, like a synchronous connector with that many workers:
    /// later requests wait their turn before their body is read. 0: no limit.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>Probability (0..1) that a request otherwise answered with success fails instead
    /// (500, 400 error, connection reset, or hang up to <see cref="HangLimit"/> then reset).</summary>
    public double FailureRate { get; init; }

    /// <summary>Whether <paramref name="rate"/> is a probability <see cref="FailureRate"/> accepts (NaN is not).</summary>
    internal static bool IsValidFailureRate(double rate) => rate is >= 0 and <= 1;

    /// <summary>Random source of <see cref="FailureRate"/>; seed it for reproducible tests. Defaults to <see cref="System.Random.Shared"/>.</summary>
    public Random? Random { get; init; }

    /// <summary>Longest hang of a random failure before the connection is aborted.</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Keep each received file in <see cref="OutputDirectory"/> (the default). When false the body is still read
    /// to the end, counted and hashed, then dropped: a connector that acknowledges at once without touching its disk,
    /// for benchmarks that share the machine with it. Not with <see cref="ConvertWithNfdump"/>, which needs the file.
    /// </summary>
    public bool StoreFiles { get; init; } = true;

    /// <summary>Run <c>nfdump -r FILE -q -o csv</c> on each stored file, as the real connector does, and fail the request when nfdump fails.</summary>
    public bool ConvertWithNfdump { get; init; }

    /// <summary>The nfdump executable (looked up on PATH when not a path).</summary>
    public string NfdumpPath { get; init; } = "nfdump";

    /// <summary>Where request lines and framework warnings go; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
