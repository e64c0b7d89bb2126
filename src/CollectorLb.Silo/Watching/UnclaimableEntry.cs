namespace CollectorLb.Silo.Watching;

/// <summary>A flow-directory entry the watcher cannot claim, and why (see <see cref="UnclaimableEntries"/>).</summary>
internal sealed record UnclaimableEntry(string Name, string Reason);
