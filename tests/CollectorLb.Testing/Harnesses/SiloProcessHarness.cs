using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Observability;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Testing.Harnesses;

/// <summary>
/// The built silo run as a process (its HTTP endpoints, its gateway) with the DevServices registry and
/// connectors in the test, on free loopback ports and fast test timings: what <see cref="CollectorHarness"/> is for
/// an in-process silo.
/// </summary>
public sealed class SiloProcessHarness : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _root = new("observed");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly LoopbackDevServices _devServices;
    private SiloProcess? _silo;

    private SiloProcessHarness(string hostId)
    {
        HostId = hostId;
        _devServices = new LoopbackDevServices(_root.Path);
        HttpPort = FreePorts.Tcp();
        GatewayPort = FreePorts.Tcp();
    }

    public string HostId { get; }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public string FlowDirectory => _root.Combine("netflows");

    public string QuarantineDirectory => Path.Combine(FlowDirectory, "quarantine");

    public RegistryServer Registry => _devServices.Registry!;

    public List<ConnectorServer> Connectors => _devServices.Connectors;

    public IEnumerable<ReceivedFile> AllReceived => _devServices.AllReceived;

    public SiloProcess Process => _silo!;

    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";

    public static async Task<SiloProcessHarness> StartAsync(string hostId, int connectors = 2, IReadOnlyDictionary<string, string>? settings = null)
    {
        var under = new SiloProcessHarness(hostId);
        try
        {
            await under.StartServicesAsync(connectors, settings ?? new Dictionary<string, string>());
            return under;
        }
        catch
        {
            await under.DisposeAsync();
            throw;
        }
    }

    /// <summary>Renames valid, distinct nfcapd files into the flow directory; returns name -> sha256.</summary>
    public Dictionary<string, string> DropFiles(string prefix, int count, int seed = 0)
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var content = FlowFiles.Distinct(seed + i);
            var name = $"{prefix}{i:D2}";
            FlowFiles.RenameInto(FlowDirectory, name, content);
            files[name] = FlowFiles.Sha256(content);
        }

        return files;
    }

    /// <summary>A file that fails the cheap format check, so it goes straight to quarantine.</summary>
    public void DropInvalidFile(string name) => FlowFiles.RenameInto(FlowDirectory, name, "this is not an nfcapd file"u8.ToArray());

    public Task WaitUntilDeliveredAsync(IEnumerable<string> names)
    {
        var expected = names.ToList();
        return DeliveryWait.UntilReceivedAsync(
            Connectors,
            expected,
            received => $"{expected.Count(received.Contains)} of {expected.Count} delivered\n{_silo?.Output}");
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(BaseUrl + path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One scrape of <c>/metrics</c>.</summary>
    public async Task<PrometheusText> MetricsAsync()
    {
        var (status, body) = await GetAsync("/metrics");
        Assert.Equal(200, status);
        return PrometheusText.Parse(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _devServices.DisposeAsync();
        _http.Dispose();
        _root.Dispose();
    }

    private async Task StartServicesAsync(int connectors, IReadOnlyDictionary<string, string> settings)
    {
        await _devServices.StartConnectorsAsync(connectors);
        await _devServices.StartRegistryAsync();

        var environment = new SiloSettings(HostId)
            .WithPorts(HttpPort, GatewayPort)
            .WithRegistry(Registry.Port)
            .WithFlowDirectory(FlowDirectory)
            .WithFastTimings()
            .With("Upload:TimeoutSeconds", "5")
            .With("Delivery:RetryMaxDelaySeconds", "0.5")
            .With("Pool:EjectionSeconds", "0.3")
            .With("Pool:MaxEjectionSeconds", "1")
            .With("Pool:PingSeconds", "0.2")
            .WithVariables(settings) // the test's own, by variable name, last so they win
            .ToEnvironment();

        Directory.CreateDirectory(FlowDirectory);
        _silo = SiloProcess.Start(_root.Path, environment);
        await _silo.WaitUntilHealthyAsync(HttpPort, StartTimeout, "/readyz");
    }
}
