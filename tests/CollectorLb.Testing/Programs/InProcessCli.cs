using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Cli;

namespace CollectorLb.Testing.Programs;

/// <summary><c>collectorlb</c> run in this process against a cluster through a client the test already holds.</summary>
public static class InProcessCli
{
    /// <summary>Runs it with <paramref name="args"/> against the cluster <paramref name="client"/> is connected to.</summary>
    public static async Task<CliRun> RunAsync(IClusterClient client, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, (_, _, _) => Task.FromResult<IClusterSession>(new ClientSession(client)));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed class ClientSession(IClusterClient client) : IClusterSession
    {
        public IClusterViewGrain View => client.GetClusterView();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the test owns the client
    }
}
