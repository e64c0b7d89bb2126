using CollectorLb.Cli;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.Cli;

public class CliProcessTests
{
    [Fact]
    public async Task Collectorlb_NoClusterAtTheGateway_ExitsWithThreeNamingTheGateway()
    {
        var port = FreePorts.Tcp();
        var (code, output, error) = await RunAsync("--gateway", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--connect-timeout", "2", "status");

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"cannot reach the cluster at 127.0.0.1:{port}", error);
    }

    [Fact]
    public async Task Collectorlb_Help_ListsEveryCommand()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "status", "files", "connectors", "quarantine", "requeue" })
        {
            Assert.Contains(command, output);
        }
    }

    private static Task<ToolRun> RunAsync(params string[] args) => CliProcess.RunAsync(new Dictionary<string, string>(), args);
}
