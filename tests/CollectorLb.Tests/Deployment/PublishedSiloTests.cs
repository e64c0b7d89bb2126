using System.Globalization;
using CollectorLb.Tests.TestSupport;

namespace CollectorLb.Tests.Deployment;

public class PublishedSiloTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task PublishForLinuxX64_AsTheDockerfileDoes_PublishedSiloStartsAndAnswersHealthz()
    {
        using var directory = new TempDirectory("publish");
        var app = directory.Combine("app");

        // The Dockerfile's build stage. The libraries are up to date from `make build` and the silo builds for
        // linux-x64 into folders of its own (obj/.../linux-x64), so the outputs other tests run are untouched.
        var publish = await ToolRun.RunAsync(
            "dotnet",
            [
                "publish", RepositoryPaths.Combine("src", "CollectorLb.Silo", "CollectorLb.Silo.csproj"),
                "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-o", app, "--no-restore", "-nologo",
            ],
            PublishTimeout,
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        Assert.True(publish.ExitCode == 0, "dotnet publish failed: " + publish.Describe());
        Assert.True(File.Exists(Path.Combine(app, "CollectorLb.Silo.dll")));
        Assert.True(File.Exists(Path.Combine(app, "CollectorLb.Silo")), "the linux-x64 app host is missing");

        // Started as the image's entry point starts it, with nfcapd supervised as in the container.
        var httpPort = FreePorts.Tcp();
        var work = directory.Combine("work");
        Directory.CreateDirectory(work);
        await using var silo = SiloProcess.Start(work, new Dictionary<string, string>
        {
            ["NFCAPD_PORT"] = FreePorts.Udp().ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__Ports__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__Ports__SiloPort"] = FreePorts.Tcp().ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__Ports__GatewayPort"] = FreePorts.Tcp().ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__HostId"] = "published-host",
        }, Path.Combine(app, "CollectorLb.Silo.dll"));

        using var http = new HttpClient();
        await Eventually.TrueAsync(
            async () => await AnswersAsync(http, $"http://127.0.0.1:{httpPort}/healthz"),
            () => "the published silo answers /healthz; output:\n" + silo.Output,
            TimeSpan.FromSeconds(60));
        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "Healthy";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
