using System.CommandLine;
using System.Globalization;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>connectors</c>: the pool's connectors, their health and load.</summary>
internal static class ConnectorsCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliContext.Json();
        var command = new Command("connectors", "Each connector: health (ejected until), in flight, EWMA seconds per MB, successes, failures") { json };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(parsed, cancellationToken, async session =>
        {
            var pool = await session.View.GetConnectors();
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context.Output, pool);
            }
            else
            {
                context.Output.WriteLine($"registry: {pool.Registry} ({pool.Policy}), answered {Formats.Time(pool.RegistryAnsweredAt)}");
                Table(pool, DateTimeOffset.UtcNow).WriteTo(context.Output);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static TextTable Table(ConnectorPoolSnapshot pool, DateTimeOffset now)
    {
        var table = new TextTable("NAME", "URL", "HEALTH", "IN-FLIGHT", "S/MB", "SUCCESSES", "FAILURES", "LAST-ERROR");
        foreach (var c in pool.Connectors)
        {
            var health = c.EjectedUntil > now ? $"ejected until {Formats.Time(c.EjectedUntil)}" : "healthy";
            table.Add(c.Name, c.BaseUrl, health, c.InFlight, c.SecondsPerMegabyte.ToString("0.000", CultureInfo.InvariantCulture), c.Successes, c.Failures, c.LastError ?? "-");
        }

        return table;
    }
}
