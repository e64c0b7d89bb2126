using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.EndToEnd;

public partial class SiloProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MalformedOldVariable_StopsTheStartNamingTheVariableAndItsRange()
    {
        var (exitCode, output) = await SiloProcess.RunUntilExitAsync(new Dictionary<string, string> { ["NFCAPD_PORT"] = "abc", ["REGISTRY_PORT"] = "70000" }, StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("NFCAPD_PORT (= CollectorLb:Nfcapd:Port) must be a whole number between 1 and 65535; got 'abc'", output);
        Assert.Contains("REGISTRY_PORT (= CollectorLb:Registry:Port) must be a whole number between 1 and 65535; got '70000'", output);
    }

    [Fact]
    public async Task InvalidOptions_StopTheStartListingEverySettingWithItsRange()
    {
        var (exitCode, output) = await SiloProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["CollectorLb__Upload__TimeoutSeconds"] = "0",
                ["CollectorLb__Pool__Policy"] = "fastest",
                ["CollectorLb__Nfcapd__Enabled"] = "false",
            },
            StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("CollectorLb:Upload:TimeoutSeconds must be between 0.1 and 86400; got 0", output);
        Assert.Contains("CollectorLb:Pool:Policy must be one of", output);
    }

    [Fact]
    public async Task OptionOfTheWrongKind_StopsTheStartNamingTheSetting()
    {
        var (exitCode, output) = await SiloProcess.RunUntilExitAsync(new Dictionary<string, string> { ["CollectorLb__Watcher__RescanSeconds"] = "often" }, StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("CollectorLb:Watcher:RescanSeconds", output);
    }

    [Fact]
    public async Task BenchmarkMode_WritesDetectAndSendLinesInTheOldFormat_AndSigtermStopsCleanly()
    {
        using var directory = new TempDirectory("silo");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var httpPort = FreePorts.Tcp();
        var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
        environment["BENCHMARK_MODE"] = "true";
        await using var silo = SiloProcess.Start(directory.Path, environment);
        await silo.WaitUntilHealthyAsync(httpPort, StartTimeout);

        var flowDirectory = directory.Combine("netflows");
        var names = new[] { "nfcapd.202611270440", "nfcapd.202611270441", "nfcapd.202611270442" };
        for (var i = 0; i < names.Length; i++)
        {
            FlowFiles.RenameInto(flowDirectory, names[i], FlowFiles.Distinct(i));
        }

        var benchmarkFile = directory.Combine("benchmark.txt");
        await Eventually.TrueAsync(
            () => File.Exists(benchmarkFile) && File.ReadAllLines(benchmarkFile).Count(l => l.Contains(" send ")) == names.Length,
            () => $"benchmark.txt: {(File.Exists(benchmarkFile) ? File.ReadAllText(benchmarkFile) : "(missing)")}\n{silo.Output}");

        var lines = File.ReadAllLines(benchmarkFile);
        Assert.Equal(names.Length * 2, lines.Length);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var name in names)
        {
            var detect = Assert.Single(lines, l => l.StartsWith($"netflows/{name} detect ", StringComparison.Ordinal));
            var send = Assert.Single(lines, l => l.StartsWith($"netflows/{name} send ", StringComparison.Ordinal));
            var detectSeconds = long.Parse(BenchmarkLine().Match(detect).Groups["seconds"].Value, CultureInfo.InvariantCulture);
            var sendSeconds = long.Parse(BenchmarkLine().Match(send).Groups["seconds"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(detectSeconds, now - 120, now);
            Assert.InRange(sendSeconds, detectSeconds, now);
        }

        Assert.All(lines, line => Assert.Matches(BenchmarkLine(), line));
        Assert.Equal(names.Order(), connector.Received.Select(r => r.FileName).Order());

        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [GeneratedRegex(@"^netflows/nfcapd\.\d{12} (detect|send) (?<seconds>\d{10})$")]
    private static partial Regex BenchmarkLine();
}
