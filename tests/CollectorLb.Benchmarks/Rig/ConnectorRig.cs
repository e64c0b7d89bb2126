using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.DevServices;

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
    private readonly LoopbackDevServices _services;
    private DeliveryTracker? _tracker;

    private ConnectorRig(LoopbackDevServices services, RegistryServer registry)
    {
        _services = services;
        Registry = registry;

        // Wired once every connector is up: no silo delivers to them before the rig is handed out.
        foreach (var connector in services.Connectors)
        {
            connector.OnReceived = received => OnReceived(connector.Name, received);
        }
    }

    public RegistryServer Registry { get; }

    public IReadOnlyList<ConnectorServer> Connectors => _services.Connectors;

    public IReadOnlyList<string> Urls => Connectors.Select(c => c.Url).ToList();

    /// <summary>Where acknowledgements go from now on.</summary>
    public DeliveryTracker Track(DeliveryTracker tracker)
    {
        Volatile.Write(ref _tracker, tracker);
        return tracker;
    }

    public static async Task<ConnectorRig> StartAsync(string folder, IReadOnlyList<ConnectorSpec> specs)
    {
        var services = new LoopbackDevServices(folder);
        try
        {
            await services.StartConnectorsAsync(specs.Count, (i, name, output) => new ConnectorServerOptions
            {
                Name = name,
                OutputDirectory = output,
                Mode = specs[i].Mode,
                Delay = specs[i].Delay,
                ConvertWithNfdump = specs[i].ConvertWithNfdump,
                StoreFiles = specs[i].ConvertWithNfdump,
                Workers = specs[i].Workers,
            });
            return new ConnectorRig(services, await services.StartRegistryAsync());
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private void OnReceived(string connector, ReceivedFile received)
    {
        Volatile.Read(ref _tracker)?.Acknowledge(received.FileName, connector);
        if (received.StoredPath.Length > 0)
        {
            File.Delete(received.StoredPath);
        }
    }
}
