using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;

namespace CollectorLb.Testing.DevServices;

/// <summary>
/// The DevServices a test or benchmark silo delivers to on loopback: connectors named connector-1, connector-2, ...
/// each storing under its own folder, and the registry that lists them. The registry never pings: the callers set the
/// connectors' answers.
/// </summary>
public sealed class LoopbackDevServices(string folder) : IAsyncDisposable
{
    public List<ConnectorServer> Connectors { get; } = [];

    public RegistryServer? Registry { get; private set; }

    public IEnumerable<ReceivedFile> AllReceived => Connectors.SelectMany(c => c.Received);

    /// <summary>One connector made from <paramref name="connector"/> and the registry that lists it: what a silo process test delivers to.</summary>
    public static async Task<LoopbackDevServices> StartAsync(ConnectorServerOptions connector)
    {
        var services = new LoopbackDevServices(connector.OutputDirectory);
        try
        {
            services.Connectors.Add(await ConnectorServer.StartAsync(connector));
            await services.StartRegistryAsync();
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> connectors that answer with success; <paramref name="options"/>, given a
    /// connector's index, name and folder, makes its options instead.
    /// </summary>
    public async Task StartConnectorsAsync(int count, Func<int, string, string, ConnectorServerOptions>? options = null)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"connector-{i + 1}";
            var output = Path.Combine(folder, name);
            Connectors.Add(await ConnectorServer.StartAsync(options?.Invoke(i, name, output) ?? new ConnectorServerOptions { Name = name, OutputDirectory = output }));
        }
    }

    /// <summary>Starts the registry on <paramref name="port"/> (0: any free one) and registers every connector.</summary>
    public async Task<RegistryServer> StartRegistryAsync(int port = 0)
    {
        Registry = await RegistryServer.StartAsync(new RegistryServerOptions { Port = port, PingInterval = Timeout.InfiniteTimeSpan });
        foreach (var connector in Connectors)
        {
            Registry.Register(connector.Name, connector.Url);
        }

        return Registry;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in Connectors)
        {
            await connector.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}
