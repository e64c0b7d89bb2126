using System.CommandLine;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>quarantine list</c>: quarantined files on every host, read from their sidecars.</summary>
internal static class QuarantineCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliContext.Json();
        var host = new Option<string?>("--host") { Description = "Only files of this host id" };
        var list = new Command("list", "Quarantined files: key, reason, attempts, when") { host, json };
        list.SetAction((parsed, cancellationToken) => context.RunAsync(parsed, cancellationToken, async session =>
        {
            var listing = await session.View.GetQuarantine(parsed.GetValue(host));
            return context.Finish(parsed.GetValue(json), listing, listing.Unreachable, () =>
            {
                var table = new TextTable("KEY", "SIZE", "ATTEMPTS", "QUARANTINED", "REASON");
                foreach (var q in listing.Items)
                {
                    table.Add(q.Key, Formats.Size(q.SizeBytes), q.Attempts, Formats.Time(q.QuarantinedAt), q.Reason);
                }

                table.WriteTo(context.Output);
            });
        }));
        return new Command("quarantine", "Files set aside that wait for an operator") { list };
    }
}
