using CollectorLb.DevServices.Cli;

namespace CollectorLb.DevServices;

/// <summary>CLI entry point: <c>registry</c>, <c>connector</c> and <c>exporter</c> each run until Ctrl-C/SIGTERM.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Stand-ins for the Registry Service and connectors, and a synthetic NetFlow v5 exporter, for demos and tests")
        {
            RegistryCommand.Create(),
            ConnectorCommand.Create(),
            ExporterCommand.Create(),
        };

        try
        {
            // Leave time for a connector to unregister after Ctrl-C/SIGTERM.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15), EnableDefaultExceptionHandler = false })
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ArgumentException or UnauthorizedAccessException)
        {
            // Startup failures such as a port in use or an unwritable folder: say what, not a stack trace.
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
