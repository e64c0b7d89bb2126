using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Observability;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Reliability;

/// <summary>
/// One entry the silo process cannot claim never stops the others: it stays where it is, is never sent, and is
/// reported once (log, gauge, /readyz's details) however many rescans see it.
/// </summary>
public class StickyDirectoryTests
{
    private const string Stuck = "nfcapd.202611270000";

    /// <summary>
    /// The silo runs as <c>nobody</c>: in a sticky directory (mode 1777) owned by another user, it may rename only
    /// its own files, so a file of a third user cannot be claimed, for a reason that has nothing to do with root.
    /// </summary>
    [Fact]
    public async Task SomeoneElsesFileInAStickyDirectory_EveryOtherFileIsDelivered_ItIsNamedInReadyzAndTheGauge()
    {
        HostileEntries.RequireRoot("files of three users, and a silo run as nobody");
        const int silo = 65534;
        using var directory = new TempDirectory("sticky");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        var registry = services.Registry!;
        var connector = services.Connectors[0];

        var flow = Directory.CreateDirectory(directory.Combine("flows")).FullName;
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0x1ED); // 0755
        File.SetUnixFileMode(flow, (UnixFileMode)0x3FF); // 1777: sticky, writable by all
        Chown(flow, 1001);
        var stuck = Path.Combine(flow, Stuck);
        File.WriteAllBytes(stuck, FlowFiles.Distinct(100));
        File.SetUnixFileMode(stuck, (UnixFileMode)0x1A4); // 0644: readable, so only the rename is refused
        Chown(stuck, 1002);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 10; i++)
        {
            var path = Path.Combine(flow, $"nfcapd.2026112701{i:D2}");
            File.WriteAllBytes(path, FlowFiles.Distinct(i));
            Chown(path, silo);
            expected[Path.GetFileName(path)] = FlowFiles.Sha256(FlowFiles.Distinct(i));
        }

        var httpPort = FreePorts.Tcp();
        var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
        environment["CollectorLb__FlowDirectory"] = flow;
        var workingDirectory = Directory.CreateDirectory(directory.Combine("silo")).FullName;
        await using var process = SiloProcess.StartUnprivileged(workingDirectory, environment);
        await process.WaitUntilHealthyAsync(httpPort, TimeSpan.FromSeconds(90));

        // Renamed in later, as a collector owned by the silo's user would.
        var staging = Directory.CreateDirectory(directory.Combine("staging")).FullName;
        for (var i = 0; i < 5; i++)
        {
            var path = Path.Combine(staging, $"nfcapd.2026112702{i:D2}");
            File.WriteAllBytes(path, FlowFiles.Distinct(20 + i));
            Chown(path, silo);
            File.Move(path, Path.Combine(flow, Path.GetFileName(path)));
            expected[Path.GetFileName(path)] = FlowFiles.Sha256(FlowFiles.Distinct(20 + i));
        }

        await DeliveryWait.UntilReceivedAsync([connector], expected.Keys, received => $"{received.Count} of {expected.Count} delivered\n{process.Output}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        JsonElement details = default;
        await Eventually.TrueAsync(
            async () =>
            {
                using var answer = await http.GetAsync($"http://127.0.0.1:{httpPort}/readyz");
                using var report = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
                details = report.RootElement.GetProperty("checks").GetProperty("directory").Clone();
                return answer.IsSuccessStatusCode && details.GetProperty("data").GetProperty("unclaimable").GetInt32() == 1;
            },
            () => $"/readyz is 200 and names one unclaimable file: {details}\n{process.Output}");
        Assert.Equal(Stuck, details.GetProperty("data").GetProperty("unclaimableEntries")[0].GetProperty("name").GetString());
        Assert.Contains("Operation not permitted", details.GetProperty("data").GetProperty("unclaimableEntries")[0].GetProperty("reason").GetString());
        var metrics = PrometheusText.Parse(await http.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics"));
        var gauge = Assert.Single(metrics.Samples, s => s.Name == "collectorlb_unclaimable_files");
        Assert.Equal(1, gauge.Value);
        Assert.Equal("process-host", gauge.Labels["host"]);

        Assert.Equal(expected.Count, connector.Received.Count);
        Assert.All(connector.Received, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        Assert.Equal(FlowFiles.Distinct(100), File.ReadAllBytes(stuck));
        Assert.Equal(1, CountOccurrences(process.Output, $"cannot claim {Stuck}:"));
    }

    private static int CountOccurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static void Chown(string path, int uid) =>
        Assert.True(Lchown(path, uid, uid) == 0, $"chown {uid} {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int Lchown([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int owner, int group);
}
