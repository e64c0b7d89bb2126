using System.Globalization;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>connectors</c>: the pool's connectors, their health and load.</summary>
internal static class ConnectorsCommand
{
    public static Command Create(CliContext context) => context.Listing(
        new Command("connectors", "Each connector: health (ejected until), in flight, EWMA seconds per MB, successes, failures"),
        (_, view) => view.GetConnectors(),
        _ => [],
        (output, pool) => Write(output, pool, DateTimeOffset.UtcNow));

    /// <summary>The registry line (with the registry's last error, when its last answer failed) and the connectors table.</summary>
    public static void Write(TextWriter output, ConnectorPoolSnapshot pool, DateTimeOffset now)
    {
        var error = pool.RegistryError is not null ? " - " + pool.RegistryError : string.Empty;
        output.WriteLine($"registry: {pool.Registry} ({pool.Policy}), answered {Formats.Time(pool.RegistryAnsweredAt)}{error}");
        Table(pool, now).WriteTo(output);
    }

    private static TextTable Table(ConnectorPoolSnapshot pool, DateTimeOffset now)
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
