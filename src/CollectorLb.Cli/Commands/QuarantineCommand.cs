using System.CommandLine;
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
        var json = CliContext.Json();
        var host = CliContext.HostFilter();
        var reason = CliContext.ReasonFilter();
        var limit = new Option<int>("--limit")
        {
            Description = $"At most this many files (1-{QuarantineQuery.MaxLimit})",
            DefaultValueFactory = _ => QuarantineQuery.DefaultLimit,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > QuarantineQuery.MaxLimit) { r.AddError($"--limit must be between 1 and {QuarantineQuery.MaxLimit}"); } } },
        };
        var after = new Option<string?>("--after") { Description = "The cursor the previous page ended with (its 'next')" };
        var list = new Command("list", "Quarantined files in file-name order, a page at a time: key, size, attempts, when, reason") { host, reason, limit, after, json };
        list.SetAction((parsed, cancellationToken) =>
        {
            var query = new QuarantineQuery { HostId = parsed.GetValue(host), Reason = parsed.GetValue(reason), Limit = parsed.GetValue(limit), After = parsed.GetValue(after) };
            return query.Check() is { } problem
                ? context.UsageErrorAsync(problem)
                : context.RunAsync(parsed, cancellationToken, async session =>
                {
                    var page = await session.View.GetQuarantine(query);
                    return context.Finish(parsed.GetValue(json), page, page.Unreachable, () => Write(context.Output, page));
                });
        });
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
