using CollectorLb.Cli.Commands;

namespace CollectorLb.Cli;

/// <summary>
/// <c>collectorlb</c>: reads and steers the collector's cluster as an Orleans client. Exit codes are in
/// <see cref="ExitCodes"/>; every listing takes <c>--json</c>.
/// </summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, ClusterConnector connect)
    {
        var context = new CliContext(output, error, connect);
        var root = new RootCommand("Status, files, connectors and quarantine of a CollectorLb cluster (an Orleans client of its gateways)")
        {
            context.Gateway,
            context.ConnectTimeout,
            StatusCommand.Create(context),
            FilesCommand.Create(context),
            ConnectorsCommand.Create(context),
            QuarantineCommand.Create(context),
            RequeueCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message);
            }

            await error.WriteLineAsync("See 'collectorlb --help'.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
