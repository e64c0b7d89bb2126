using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary>
/// <c>quarantine list</c>: one page of the quarantined files of every host (or one), in file-name order, read from
/// their sidecars; <c>--after</c> with the cursor a page ends with shows the next.
/// </summary>
internal static class QuarantineCommand
{
    public static Command Create(CliContext context)
    {
        var host = CliContext.HostFilter();
        var reason = CliContext.ReasonFilter();
        var limit = CliContext.Limit(QuarantineQuery.DefaultLimit, QuarantineQuery.MaxLimit);
        var after = new Option<string?>("--after") { Description = "The cursor the previous page ended with (its 'next')" };
        QuarantineQuery QueryOf(ParseResult parsed) => new()
        {
            HostId = parsed.GetValue(host),
            Reason = parsed.GetValue(reason),
            Limit = parsed.GetValue(limit),
            After = parsed.GetValue(after),
        };

        var list = context.Listing(
            new Command("list", "Quarantined files in file-name order, a page at a time: key, size, attempts, when, reason") { host, reason, limit, after },
            (parsed, view) => view.GetQuarantine(QueryOf(parsed)),
            page => page.Unreachable,
            Write,
            parsed => QueryOf(parsed).Check());
        return new Command("quarantine", "Files set aside that wait for an operator") { list };
    }

    private static void Write(TextWriter output, QuarantinePage page)
    {
        var table = new TextTable("KEY", "SIZE", "ATTEMPTS", "QUARANTINED", "REASON");
        foreach (var q in page.Items)
        {
            table.Add(q.Key, Formats.Size(q.SizeBytes), q.Attempts, Formats.Time(q.QuarantinedAt), q.Reason);
        }

        table.WriteTo(output);
        output.WriteLine($"{page.Items.Count} shown; {page.Total} quarantined in all ({string.Join(", ", page.Hosts.Select(h => $"{h.HostId}: {h.Files}"))})");
        if (page.Next is not null)
        {
            output.WriteLine($"next page: --after {page.Next}");
        }
    }
}
