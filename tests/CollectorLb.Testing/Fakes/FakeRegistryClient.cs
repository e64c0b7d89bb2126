using CollectorLb.Grains.Registry;

namespace CollectorLb.Testing.Fakes;

/// <summary>
/// A registry the test scripts: it lists the connectors it was last given, or fails as a registry that is down, and
/// records the registry URL of every read. Its connectors' URLs are only names: nothing is reached through them.
/// </summary>
public sealed class FakeRegistryClient : IRegistryClient
{
    private readonly Lock _gate = new();
    private readonly List<string> _reads = [];
    private IReadOnlyList<RegistryEntry> _connectors = [];
    private string? _failure;

    /// <summary>The registry URL of each read, in order.</summary>
    public IReadOnlyList<string> Reads
    {
        get
        {
            lock (_gate)
            {
                return [.. _reads];
            }
        }
    }

    /// <summary>The entry the registry lists for connector <paramref name="name"/>.</summary>
    public static RegistryEntry Entry(string name) => new(name, $"http://{name}.test");

    /// <summary>Answers with these connectors from now on.</summary>
    public void List(params string[] names)
    {
        lock (_gate)
        {
            _connectors = [.. names.Select(Entry)];
            _failure = null;
        }
    }

    /// <summary>Fails every read from now on, as a registry that is down, with <paramref name="reason"/>.</summary>
    public void FailWith(string reason)
    {
        lock (_gate)
        {
            _failure = reason;
        }
    }

    public Task<IReadOnlyList<RegistryEntry>> GetConnectorsAsync(string registryUrl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reads.Add(registryUrl);
            return _failure is null
                ? Task.FromResult(_connectors)
                : Task.FromException<IReadOnlyList<RegistryEntry>>(new RegistryUnavailableException(_failure));
        }
    }
}
