using CollectorLb.Abstractions.Cluster;
using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Cli.Output;
using CollectorLb.Client;
using Microsoft.Extensions.Configuration;

namespace CollectorLb.Cli;

/// <summary>What every command shares: the writers, the global options, and connecting with a clear failure.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, ClusterConnector connect)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = $"Gateway host:port of a silo (repeatable). Default: CollectorLb__Cluster__Gateways, else localhost:<CollectorLb__Ports__GatewayPort or {ClusterSettings.DefaultGatewayPort}>",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster",
        DefaultValueFactory = _ => 10,
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };

    /// <summary><c>--host</c> of the quarantine commands.</summary>
    public static Option<string?> HostFilter() => new("--host") { Description = "Only files of this host id" };

    /// <summary><c>--reason</c> of the quarantine commands.</summary>
    public static Option<string?> ReasonFilter() => new("--reason") { Description = "Only files whose quarantine reason contains this text (case-insensitive)" };

    /// <summary><c>--limit</c> of a listing: at most this many files, from 1 to <paramref name="max"/>.</summary>
    public static Option<int> Limit(int defaultValue, int max) => new("--limit")
    {
        Description = $"At most this many files (1-{max})",
        DefaultValueFactory = _ => defaultValue,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 1 || r.GetValueOrDefault<int>() > max) { r.AddError($"--limit must be between 1 and {max}"); } } },
    };

    /// <summary>
    /// A command that reads one answer from the cluster and prints it as a table, or as JSON with <c>--json</c>:
    /// <paramref name="usageProblem"/> refuses a command line before connecting, <paramref name="read"/> asks the cluster,
    /// <paramref name="write"/> prints the text, and the hosts in <paramref name="unreachable"/> are reported as missing.
    /// </summary>
    public Command Listing<T>(
        Command command,
        Func<ParseResult, IClusterViewGrain, Task<T>> read,
        Func<T, IReadOnlyList<UnreachableHost>> unreachable,
        Action<TextWriter, T> write,
        Func<ParseResult, string?>? usageProblem = null)
    {
        var json = Json();
        command.Add(json);
        command.SetAction((parsed, cancellationToken) => usageProblem?.Invoke(parsed) is { } problem
            ? UsageErrorAsync(problem)
            : RunAsync(parsed, cancellationToken, async session =>
            {
                var answer = await read(parsed, session.View);
                return Finish(parsed.GetValue(json), answer, unreachable(answer), () => write(Output, answer));
            }));
        return command;
    }

    /// <summary>Refuses a command line the cluster would refuse, without connecting: exit code 2 with the reason.</summary>
    public async Task<int> UsageErrorAsync(string problem)
    {
        await Error.WriteLineAsync("error: " + problem);
        return ExitCodes.Usage;
    }

    /// <summary>Connects, runs <paramref name="command"/>, and turns an unreachable cluster into exit code 3 with a sentence.</summary>
    public async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken, Func<IClusterSession, Task<int>> command)
    {
        ClusterConnection connection;
        try
        {
            connection = ConnectionFrom(parsed);
        }
        catch (FormatException ex)
        {
            await Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Usage;
        }

        IClusterSession session;
        try
        {
            session = await connect(connection, TimeSpan.FromSeconds(Math.Max(0.1, parsed.GetValue(ConnectTimeout))), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync($"error: cannot reach the cluster at {connection}: {Describe(ex)}");
            return ExitCodes.Unreachable;
        }

        await using (session)
        {
            try
            {
                return await command(session);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                await Error.WriteLineAsync($"error: the cluster at {connection} did not answer: {ex.Message}");
                return ExitCodes.Unreachable;
            }
        }
    }

    /// <summary>Writes <paramref name="answer"/> as JSON or as text, and says which hosts are missing from it.</summary>
    public int Finish<T>(bool json, T answer, IReadOnlyList<UnreachableHost> unreachable, Action writeText)
    {
        if (json)
        {
            JsonOutput.Write(Output, answer);
        }
        else
        {
            writeText();
        }

        return ReportUnreachable(unreachable);
    }

    private int ReportUnreachable(IReadOnlyList<UnreachableHost> unreachable)
    {
        foreach (var host in unreachable)
        {
            Error.WriteLine($"warning: host {host.SiloName} did not answer ({host.Error}); it is missing from this answer");
        }

        return unreachable.Count == 0 ? ExitCodes.Ok : ExitCodes.Partial;
    }

    private ClusterConnection ConnectionFrom(ParseResult parsed)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var gateways = parsed.GetValue(Gateway);
        return gateways is { Length: > 0 }
            ? ClusterConnection.ForGateways(gateways, configuration)
            : ClusterConnection.FromConfiguration(configuration);
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "no answer in time",
        AggregateException { InnerException: { } inner } => Describe(inner),
        _ => ex.Message,
    };
}
