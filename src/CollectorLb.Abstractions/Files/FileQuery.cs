namespace CollectorLb.Abstractions.Files;

/// <summary>Which recent files to list: null filters match everything.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.file-query")]
public sealed record FileQuery
{
    public const int DefaultLimit = 200;

    [Id(0)] public FileStatus? Status { get; init; }
    [Id(1)] public string? HostId { get; init; }
    [Id(2)] public int Limit { get; init; } = DefaultLimit;

    public bool Matches(FileSnapshot file) =>
        (Status is null || file.Status == Status) && (HostId is null || string.Equals(file.HostId, HostId, StringComparison.Ordinal));
}
