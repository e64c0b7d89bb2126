namespace CollectorLb.Silo.Watching;

/// <summary>Why the watcher should look at the directory again.</summary>
internal readonly record struct WatchSignal(WatchSignalKind Kind, string? Path = null);
