namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// Where a quarantined file stands in the listing order, known from directory names alone: by file name (nfcapd's
/// names carry their interval's time, so oldest first), then host, then slot: "" for the file quarantined under its
/// own name, else the claim id of the folder it went to (the same name twice, or a name too long for a sidecar).
/// Ordinal comparisons throughout, so every silo and client sorts alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.quarantine-position")]
public sealed record QuarantinePosition(
    [property: Id(0)] string FileName,
    [property: Id(1)] string HostId,
    [property: Id(2)] string Slot) : IComparable<QuarantinePosition>
{
    /// <summary>A cursor holds one position: a file name, a host id and a claim id, encoded.</summary>
    public const int MaxCursorLength = 4096;

    public int CompareTo(QuarantinePosition? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byName = string.CompareOrdinal(FileName, other.FileName);
        if (byName != 0)
        {
            return byName;
        }

        var byHost = string.CompareOrdinal(HostId, other.HostId);
        return byHost != 0 ? byHost : string.CompareOrdinal(Slot, other.Slot);
    }

    /// <summary>The opaque text a page's <c>next</c> carries and <c>after</c> takes back.</summary>
    public string ToCursor() => OpaqueText.Encode(new[] { FileName, HostId, Slot });

    /// <summary>Reads a cursor given by <see cref="ToCursor"/>; null with a reason for anything else.</summary>
    public static QuarantinePosition? FromCursor(string cursor, out string? problem)
    {
        var parts = OpaqueText.Decode<string[]>(cursor, MaxCursorLength, out problem);
        if (parts is not { Length: 3 } || parts.Any(p => p is null))
        {
            problem ??= "it does not hold a position.";
            return null;
        }

        return new QuarantinePosition(parts[0], parts[1], parts[2]);
    }

    public static bool operator <(QuarantinePosition left, QuarantinePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(QuarantinePosition left, QuarantinePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(QuarantinePosition left, QuarantinePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(QuarantinePosition left, QuarantinePosition right) => left.CompareTo(right) >= 0;
}
