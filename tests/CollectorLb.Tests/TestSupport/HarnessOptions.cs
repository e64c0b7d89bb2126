using CollectorLb.DevServices;

namespace CollectorLb.Tests.TestSupport;

/// <summary>What a <see cref="CollectorHarness"/> starts.</summary>
public sealed class HarnessOptions
{
    public int ConnectorCount { get; init; } = 2;

    /// <summary>Mode of each connector by index; missing entries answer with success.</summary>
    public IReadOnlyList<ConnectorMode> ConnectorModes { get; init; } = [];

    /// <summary>False leaves the registry's port reserved but closed, as if the registry were down.</summary>
    public bool StartRegistry { get; init; } = true;

    /// <summary>Settings on top of the harness's fast test defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs before the silo starts, with the flow directory: for files left from before.</summary>
    public Action<string>? BeforeStart { get; init; }
}
