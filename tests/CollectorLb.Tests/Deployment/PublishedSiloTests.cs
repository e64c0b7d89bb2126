using System.Globalization;
using CollectorLb.Tests.TestSupport;

namespace CollectorLb.Tests.Deployment;

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
        var environment = new SiloEnvironment("published-host", httpPort, gatewayPort)
            .WithNfcapdDefault()
            .WithVariable("COLLECTORLB_APP", app)
            .WithVariable("NFCAPD_PORT", FreePorts.Udp().ToString(CultureInfo.InvariantCulture))
            .ToVariables();
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

    private static string EntryPoint => RepositoryPaths.Combine("scripts", "container-entrypoint.sh");
}
