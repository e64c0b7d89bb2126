using CollectorLb.Abstractions.Files;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>files</c>: recent files, newest first, with their timelines.</summary>
internal static class FilesCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only files in this state" };
        state.AcceptOnlyFromAmong([.. Enum.GetNames<FileStatus>().Where(n => n != nameof(FileStatus.Unknown))]);
        var host = new Option<string?>("--host") { Description = "Only files of this host id" };
        var limit = CliContext.Limit(FileQuery.DefaultLimit, 10_000);
        return context.Listing(
            new Command("files", "Recent files (newest first) with state, connector and timeline") { state, host, limit },
            (parsed, view) => view.GetFiles(new FileQuery
            {
                Status = parsed.GetValue(state) is { } s ? Enum.Parse<FileStatus>(s) : null,
                HostId = parsed.GetValue(host),
                Limit = parsed.GetValue(limit),
            }),
            listing => listing.Unreachable,
            (output, listing) => Table(listing.Items).WriteTo(output));
    }

    private static TextTable Table(IReadOnlyList<FileSnapshot> files)
    {
        var table = new TextTable("FILE", "HOST", "STATE", "SIZE", "ATTEMPTS", "CONNECTOR", "DETECTED", "SENT", "DONE", "KEY");
        foreach (var f in files)
        {
            var t = f.Timeline;
            table.Add(f.FileName, f.HostId, f.Status, Formats.Size(f.SizeBytes), f.Attempts, f.Connector ?? "-", Formats.Time(t.DetectedAt),
                Formats.After(t.DetectedAt, t.SentAt), Formats.After(t.DetectedAt, t.DeletedAt ?? t.QuarantinedAt), f.Key);
        }

        return table;
    }
}
