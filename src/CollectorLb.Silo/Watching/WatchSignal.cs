namespace CollectorLb.Silo.Watching;

/// <summary>Why the watcher should look at the directory again; <see cref="Path"/> is the entry's (or its printable name, for an undecodable one).</summary>
internal readonly record struct WatchSignal(WatchSignalKind Kind, string? Path = null);
