using CollectorLb.Abstractions.Hosts;
using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Tests.Cli;

/// <summary>
/// A TestingHost cluster (the collector's real services, DevServices connectors) with files delivered and one
/// quarantined, and <c>collectorlb</c> run in this process against it through the cluster's client.
/// </summary>
public sealed class CliUnderTest : IAsyncLifetime
{
    public const string QuarantinedName = "nfcapd.202611279900";

    public CollectorHarness Harness { get; private set; } = null!;

    public Dictionary<string, string> Delivered { get; private set; } = [];

    public string QuarantineDirectory => Harness.QuarantineDirectory;

    public async Task InitializeAsync()
    {
        Harness = await CollectorHarness.StartAsync();
        Delivered = Harness.DropFiles(4, prefix: "nfcapd.2026112705");
        await Harness.WaitUntilDeliveredAsync(Delivered);
        FlowFiles.RenameInto(Harness.FlowDirectory, QuarantinedName, "not a flow file"u8.ToArray());
        await Harness.WaitUntilQuarantinedAsync(QuarantinedName);
        await Eventually.TrueAsync(() => Harness.FilesOnDisk().Count == 2, () => $"only the quarantined file and its sidecar are left: {string.Join(", ", Harness.FilesOnDisk())}");
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(Harness.Client, args);

    /// <summary>Runs <c>collectorlb</c> in this process against the cluster <paramref name="client"/> is connected to.</summary>
    public static async Task<CliRun> RunAsync(IClusterClient client, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, (_, _, _) => Task.FromResult<IClusterSession>(new ClientSession(client)));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public Task DisposeAsync() => Harness.DisposeAsync().AsTask();

    private sealed class ClientSession(IClusterClient client) : IClusterSession
    {
        public IClusterViewGrain View => client.GetClusterView();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the harness owns the client
    }
}

/// <summary>What one run of the CLI printed and exited with.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
