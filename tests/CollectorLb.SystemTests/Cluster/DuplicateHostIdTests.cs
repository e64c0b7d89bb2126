using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cluster;

/// <summary>Two silo processes of one Redis cluster given the same host id (a copied configuration).</summary>
public class DuplicateHostIdTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SecondSiloWithAnActiveSilosHostId_ExitsWithCode2NamingTheOther_AndTheFirstGoesOnDelivering()
    {
        using var directory = new TempDirectory("twins");
        await using var redis = await RedisServer.StartAsync();
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var cluster = new Dictionary<string, string>
        {
            ["CollectorLb__Cluster__Mode"] = "redis",
            ["CollectorLb__Cluster__RedisConnectionString"] = redis.ConnectionString,
            ["CollectorLb__Cluster__ClusterId"] = "twins",
            ["CollectorLb__Cluster__ServiceId"] = "twins",
        };

        var firstHttpPort = FreePorts.Tcp();
        var firstSiloPort = FreePorts.Tcp();
        var firstDirectory = Directory.CreateDirectory(directory.Combine("first")).FullName;
        await using var first = SiloProcess.Start(firstDirectory, new SiloSettings("twin").WithPorts(firstHttpPort)
            .WithLegacyRegistry(registry.Port)
            .With("Ports:SiloPort", firstSiloPort)
            .With("Cluster:AdvertisedAddress", "127.0.0.1")
            .WithVariables(cluster)
            .ToEnvironment());
        await first.WaitUntilHealthyAsync(firstHttpPort, StartTimeout, "/readyz");

        // Same host id, its own ports and directory: everything else a copied configuration would share.
        var (exitCode, secondOutput) = await SiloProcess.RunUntilExitAsync(
            new SiloSettings("twin").WithPorts(FreePorts.Tcp())
                .WithLegacyRegistry(registry.Port)
                .With("Cluster:AdvertisedAddress", "127.0.0.1")
                .WithVariables(cluster)
                .ToEnvironment(),
            StartTimeout);
        output.WriteLine(secondOutput);

        Assert.Equal(2, exitCode);
        Assert.Contains("Another active silo of the cluster serves host id 'twin': silo 'twin' at S127.0.0.1:" + firstSiloPort, secondOutput);

        // The first silo was not disturbed: still active, still delivering its host's files.
        Assert.False(first.HasExited);
        FlowFiles.RenameInto(Path.Combine(firstDirectory, "netflows"), "nfcapd.202611270440", FlowFiles.Distinct(0));
        await Eventually.TrueAsync(() => connector.Received.Count == 1, () => "the first silo delivers; output:\n" + first.Output);
        await first.WaitUntilHealthyAsync(firstHttpPort, StartTimeout, "/readyz");
        Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(30)));
    }
}
