using System.Net.Sockets;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.DevServices;

public sealed class DevServicesCliTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = HttpTestClient.Create(TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("Option '--name' is required", "connector", "--out", "x")]
    [InlineData("--port must be between 0 and 65535", "registry", "--port", "70000")]
    [InlineData("--target must be HOST:PORT", "exporter", "--target", "nope")]
    [InlineData("Argument 'bogus' not recognized", "connector", "--name", "c1", "--out", "x", "--mode", "bogus")]
    [InlineData("--failure-rate must be between 0 and 1", "connector", "--name", "c1", "--out", "x", "--failure-rate", "2")]
    [InlineData("--host must be an IP address", "registry", "--host", "nowhere")]
    [InlineData("--registry must be an absolute http(s) URL", "connector", "--name", "c1", "--out", "x", "--registry", "localhost:5000")]
    public async Task Cli_InvalidArguments_ExitsNonZeroWithClearMessage(string expectedMessage, params string[] arguments)
    {
        await using var cli = DevServicesCli.Start(arguments);

        var exitCode = await cli.WaitForExitAsync(ExitTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expectedMessage, cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_PortInUse_ExitsNonZeroWithoutStackTrace()
    {
        using var busy = new TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        await using var cli = DevServicesCli.Start("registry", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var exitCode = await cli.WaitForExitAsync(ExitTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("error: ", cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_RegistryAndConnector_ServeLogAndStopCleanlyOnSigterm()
    {
        var registryPort = FreePorts.Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connectorPort = FreePorts.Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var registryUrl = "http://127.0.0.1:" + registryPort;
        var connectorUrl = "http://127.0.0.1:" + connectorPort;
        var output = _temp.Combine("out");
        await using var registry = DevServicesCli.Start("registry", "--port", registryPort, "--ping-interval-seconds", "1");
        await Eventually.TrueAsync(() => RespondsAsync(registryUrl + "/services"), "registry answering", TimeSpan.FromSeconds(30));
        await using var connector = DevServicesCli.Start(
            "connector", "--name", "c1", "--port", connectorPort, "--out", output, "--registry", registryUrl);

        await Eventually.TrueAsync(
            async () => (await HttpTestClient.GetAsync(_http, registryUrl + "/services")).Body == $$"""{"c1":"{{connectorUrl}}"}""",
            "connector registered",
            TimeSpan.FromSeconds(30));
        var (status, _) = await HttpTestClient.ConvertAsync(_http, connectorUrl, "nfcapd.202611270440", [1, 2, 3]);
        Assert.Equal(200, status);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(output, "nfcapd.202611270440")));

        connector.Terminate();
        Assert.Equal(0, await connector.WaitForExitAsync(ExitTimeout));
        Assert.Equal("{}", (await HttpTestClient.GetAsync(_http, registryUrl + "/services")).Body);
        registry.Terminate();
        Assert.Equal(0, await registry.WaitForExitAsync(ExitTimeout));

        Assert.Contains("connector c1: received nfcapd.202611270440 (3 bytes) -> 200", connector.Stdout, StringComparison.Ordinal);
        Assert.Contains("registry: POST /register c1 " + connectorUrl + " -> 200", registry.Stdout, StringComparison.Ordinal);
        Assert.Contains("registry: POST /unregister c1 -> 200", registry.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", connector.Stdout + registry.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_Exporter_SendsUntilSigterm()
    {
        using var collector = new UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)collector.Client.LocalEndPoint!).Port;
        await using var exporter = DevServicesCli.Start("exporter", "--target", $"127.0.0.1:{port}", "--flows-per-second", "300");

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var datagram = await collector.ReceiveAsync(deadline.Token);
        exporter.Terminate();

        Assert.Equal(5, (datagram.Buffer[0] << 8) | datagram.Buffer[1]);
        Assert.Equal(0, await exporter.WaitForExitAsync(ExitTimeout));
        Assert.Contains("exporter: sending NetFlow v5 to 127.0.0.1:" + port, exporter.Stdout, StringComparison.Ordinal);
    }

    private async Task<bool> RespondsAsync(string url)
    {
        try
        {
            using var response = await _http.GetAsync(url);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
