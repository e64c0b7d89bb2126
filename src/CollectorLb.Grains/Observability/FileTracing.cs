using System.Diagnostics;

namespace CollectorLb.Grains.Observability;

/// <summary>The collector's activity source: the watcher's claim of a file, the file's life in its grain, each upload attempt.</summary>
public static class FileTracing
{
    public const string SourceName = "CollectorLb";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span names, for whoever reads the traces.</summary>
    public const string ClaimSpan = "collectorlb.file.claim";
    public const string LifeSpan = "collectorlb.file";
    public const string AttemptSpan = "collectorlb.file.attempt";
}
