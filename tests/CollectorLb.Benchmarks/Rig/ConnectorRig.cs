using CollectorLb.DevServices;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// The DevServices registry and connectors of a scenario, on loopback. Every acknowledged file goes to the current
/// <see cref="DeliveryTracker"/>. Connectors keep no files (they hash and drop each body) unless they convert them
/// with nfdump: on a shared machine their file churn would slow the silo and the ceiling alike, through the
/// filesystem's inode allocator, while real connectors write on their own hosts. Converted files are removed once
/// acknowledged, so long runs do not fill the disk.
/// </summary>
internal sealed class ConnectorRig : IAsyncDisposable
{
    private readonly List<ConnectorServer> _connectors = [];
    private DeliveryTracker? _tracker;

    private ConnectorRig(RegistryServer registry) => Registry = registry;

    public RegistryServer Registry { get; }

    public IReadOnlyList<ConnectorServer> Connectors => _connectors;

    public IReadOnlyList<string> Urls => _connectors.Select(c => c.Url).ToList();

    /// <summary>Where acknowledgements go from now on.</summary>
    public DeliveryTracker Track(DeliveryTracker tracker)
    {
        Volatile.Write(ref _tracker, tracker);
        return tracker;
    }

    public static async Task<ConnectorRig> StartAsync(string folder, IReadOnlyList<ConnectorSpec> specs)
    {
        var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = Timeout.InfiniteTimeSpan });
        var rig = new ConnectorRig(registry);
        try
        {
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
                {
                    Name = $"connector-{i + 1}",
                    OutputDirectory = Path.Combine(folder, $"connector-{i + 1}"),
                    Mode = spec.Mode,
                    Delay = spec.Delay,
                    ConvertWithNfdump = spec.ConvertWithNfdump,
                    StoreFiles = spec.ConvertWithNfdump,
                    Workers = spec.Workers,
                });
                connector.OnReceived = received => rig.OnReceived(connector.Name, received);
                rig._connectors.Add(connector);
                registry.Register(connector.Name, connector.Url);
            }

            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors)
        {
            await connector.DisposeAsync();
        }

        await Registry.DisposeAsync();
    }

    private void OnReceived(string connector, ReceivedFile received)
    {
        Volatile.Read(ref _tracker)?.Acknowledge(received.FileName, connector);
        if (received.StoredPath.Length > 0)
        {
            File.Delete(received.StoredPath);
        }
    }
}
