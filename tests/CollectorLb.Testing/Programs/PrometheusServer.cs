using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;

namespace CollectorLb.Testing.Programs;

/// <summary>
/// A real Prometheus server (Debian package prometheus) on a free loopback port, scraping the given targets every
/// second into a throw-away TSDB, with its HTTP query API for the test. Stopped and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string JobName = "collectorlb-silo";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory;
    private readonly SiloProcess _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(TempDirectory directory, SiloProcess process, int port)
    {
        _directory = directory;
        _process = process;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>What Prometheus printed (its log).</summary>
    public string Output => _process.Output;

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (<c>host:port</c>, path /metrics) as job <see cref="JobName"/>, every second.</summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets)
    {
        var directory = new TempDirectory("prometheus");
        var port = FreePorts.Tcp();
        var config = directory.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {{JobName}}
                static_configs:
                  - targets: [{{string.Join(", ", targets.Select(t => $"\"{t}\""))}}]
            """);
        SiloProcess process;
        try
        {
            process = SiloProcess.StartProgram(
                directory.Path,
                new Dictionary<string, string>(),
                "prometheus",
                [
                    $"--config.file={config}",
                    $"--storage.tsdb.path={directory.Combine("data")}",
                    $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                    "--log.level=warn",
                ]);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            directory.Dispose();
            throw new InvalidOperationException("prometheus is not installed: run scripts/install-deps.sh test (Debian package prometheus).", ex);
        }

        var server = new PrometheusServer(directory, process, port);
        try
        {
            await process.WaitUntilHealthyAsync(port, StartTimeout, "/-/ready");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query: each series of the result as its labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync($"{Url}/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"query {promql}: {(int)response.StatusCode} {body}");
        using var answer = JsonDocument.Parse(body);
        var data = answer.RootElement.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        return data.GetProperty("result").EnumerateArray()
            .Select(series => (
                (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!, StringComparer.Ordinal),
                double.Parse(series.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The health of each scrape target as Prometheus last saw it (up, down, unknown), by <c>host:port</c>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TargetHealthAsync()
    {
        using var answer = JsonDocument.Parse(await _http.GetStringAsync($"{Url}/api/v1/targets"));
        return answer.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .ToDictionary(t => t.GetProperty("labels").GetProperty("instance").GetString()!, t => t.GetProperty("health").GetString()!, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
        _directory.Dispose();
    }
}
