using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CollectorLb.Cli;
using CollectorLb.Tests.Observability;
using CollectorLb.Tests.TestSupport;

namespace CollectorLb.Tests.Cli;

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

    /// <summary>The built <c>collectorlb</c> program, as an operator runs it.</summary>
    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>The built <c>collectorlb</c> program with <paramref name="environment"/> on top of ours.</summary>
    internal static async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var configuration = typeof(CliProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var cli = Path.Combine(Path.GetDirectoryName(SiloProcess.SiloAssemblyPath)!, "..", "..", "..", "..", "CollectorLb.Cli", "bin", configuration, "net10.0", "collectorlb.dll");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.GetFullPath(cli));
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
