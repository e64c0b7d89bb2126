using CollectorLb.DevServices.Connector;

namespace CollectorLb.Testing.Harnesses;

/// <summary>What a <see cref="CollectorHarness"/> starts.</summary>
public sealed class HarnessOptions
{
    public int ConnectorCount { get; init; } = 2;

    /// <summary>Mode of each connector by index; missing entries answer with success.</summary>
    public IReadOnlyList<ConnectorMode> ConnectorModes { get; init; } = [];

    /// <summary>Probability that any connector request fails (500, 400, reset, or a hang of up to <see cref="HangLimit"/>).</summary>
    public double FailureRate { get; init; }

    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>False leaves the registry's port reserved but closed, as if the registry were down.</summary>
    public bool StartRegistry { get; init; } = true;

    /// <summary>Settings on top of the harness's fast test defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs before the silo starts, with the flow directory: for files left from before.</summary>
    public Action<string>? BeforeStart { get; init; }

    /// <summary>Runs last on the silo's builder: to replace a service with a fault-injecting one (storage, file opener, crash points).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }
}
