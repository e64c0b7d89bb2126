using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Silos;

namespace CollectorLb.SystemTests.Deployment;

public class PublishedSiloTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PublishForLinuxX64_AsTheDockerfileDoes_EachRoleOfTheEntryPointRuns()
    {
        using var directory = new TempDirectory("publish");
        var app = directory.Combine("app");

        // The Dockerfile's build stage: each program into /app/<role>. The libraries are up to date from
        // `make build`, and the programs build for linux-x64 into folders of their own (obj/.../linux-x64).
        foreach (var role in new[] { "Silo", "Dashboard", "Cli" })
        {
            var publish = await ToolRun.RunAsync(
                "dotnet",
                [
                    "publish", RepositoryPaths.Combine("src", $"CollectorLb.{role}", $"CollectorLb.{role}.csproj"),
                    "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                    "-o", Path.Combine(app, role), "--no-restore", "-nologo",
                ],
                PublishTimeout,
                environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
            Assert.True(publish.ExitCode == 0, $"dotnet publish of {role} failed: " + publish.Describe());
        }

        Assert.True(File.Exists(Path.Combine(app, "Silo", "CollectorLb.Silo")), "the linux-x64 app host is missing");

        // Started through the image's entry point, with nfcapd supervised as in the container.
        var httpPort = FreePorts.Tcp();
        var gatewayPort = FreePorts.Tcp();
        var work = directory.Combine("work");
        Directory.CreateDirectory(work);
        var environment = new SiloSettings("published-host").WithPorts(httpPort, gatewayPort)
            .WithNfcapdDefault()
            .WithVariable("COLLECTORLB_APP", app)
            .WithVariable("NFCAPD_PORT", FreePorts.Udp().ToString(CultureInfo.InvariantCulture))
            .ToEnvironment();
        await using var silo = SiloProcess.StartProgram(work, environment, "sh", [EntryPoint, "silo"]);
        await silo.WaitUntilHealthyAsync(httpPort, HealthyTimeout, body: "Healthy");

        var dashboardPort = FreePorts.Tcp();
        await using var dashboard = SiloProcess.StartProgram(
            work,
            new Dictionary<string, string>(environment) { ["CollectorLb__Dashboard__HttpPort"] = dashboardPort.ToString(CultureInfo.InvariantCulture) },
            "sh",
            [EntryPoint, "dashboard"]);
        await dashboard.WaitUntilHealthyAsync(dashboardPort, HealthyTimeout, body: "Healthy");

        var cli = await ToolRun.RunAsync("sh", [EntryPoint, "cli", "status", "--json"], TimeSpan.FromSeconds(60), work, environment);
        Assert.True(cli.ExitCode == 0, "the published CLI: " + cli.Describe());
        Assert.Contains("published-host", cli.Stdout);

        Assert.Equal(0, await dashboard.StopAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>
    /// The path for collector hosts outside Kubernetes: <c>make publish</c> (a self-contained linux-x64 folder) runs
    /// without the dotnet host, and the systemd unit passes <c>systemd-analyze verify</c>. The unit starts
    /// /opt/collectorlb/CollectorLb.Silo, where an install puts the folder; verify checks that the program exists,
    /// so the unit is verified as a copy whose ExecStart names this published silo, nothing else changed.
    /// </summary>
    [Fact]
    public async Task MakePublish_SelfContainedSiloRunsOnItsOwn_AndTheSystemdUnitVerifies()
    {
        using var directory = new TempDirectory("make-publish");
        var app = directory.Combine("collectorlb");
        var publish = await ToolRun.RunAsync(
            "make",
            ["-C", RepositoryPaths.Root, "publish", $"PUBLISH_DIR={app}"],
            PublishTimeout,
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        Assert.True(publish.ExitCode == 0, "make publish failed: " + publish.Describe());
        var program = Path.Combine(app, "CollectorLb.Silo");
        Assert.True(File.Exists(program), "the app host is missing");
        Assert.True(File.Exists(Path.Combine(app, "libcoreclr.so")), "self-contained: the runtime is in the folder");

        // Run as the unit runs it: the program itself, not through dotnet.
        var httpPort = FreePorts.Tcp();
        var work = directory.Combine("work");
        Directory.CreateDirectory(work);
        var environment = new SiloSettings("systemd-host").WithPorts(httpPort).ToEnvironment();
        environment["DOTNET_ROOT"] = directory.Combine("no-dotnet-here");
        await using (var silo = SiloProcess.StartProgram(work, environment, program, []))
        {
            await silo.WaitUntilHealthyAsync(httpPort, HealthyTimeout, body: "Healthy");
            Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
        }

        const string installedProgram = "ExecStart=/opt/collectorlb/CollectorLb.Silo\n";
        var unit = await File.ReadAllTextAsync(RepositoryPaths.Combine("deploy", "systemd", "collectorlb.service"));
        Assert.Contains(installedProgram, unit);
        foreach (var hardening in new[]
        {
            "DynamicUser=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/collectorlb/netflows", "StateDirectory=collectorlb collectorlb/netflows",
            "Environment=CollectorLb__FlowDirectory=/var/lib/collectorlb/netflows", "NoNewPrivileges=yes", "ProtectHome=yes", "PrivateTmp=yes",
            "Restart=on-failure", "EnvironmentFile=-/etc/collectorlb/collectorlb.env",
        })
        {
            Assert.Contains(hardening + "\n", unit);
        }

        var copy = directory.Combine("collectorlb.service");
        await File.WriteAllTextAsync(copy, unit.Replace(installedProgram, $"ExecStart={program}\n", StringComparison.Ordinal));
        var verify = await ToolRun.RunAsync("systemd-analyze", ["verify", copy], TimeSpan.FromSeconds(60));
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Trim().Length == 0, "systemd-analyze verify: " + verify.Describe());
    }

    private static string EntryPoint => RepositoryPaths.Combine("scripts", "container-entrypoint.sh");
}
