namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// Where a bulk requeue stands on each host still being walked: the position of the last file it dealt with (null:
/// not started). Carried by the client between rounds as opaque text; hosts it does not name are done.
/// </summary>
public sealed record BulkRequeueContinuation(IReadOnlyDictionary<string, QuarantinePosition?> Hosts)
{
    /// <summary>A continuation holds one position per host still being walked.</summary>
    public const int MaxLength = 65536;

    public string Encode() => OpaqueText.Encode(Hosts.Select(h => new[] { h.Key, h.Value?.FileName, h.Value?.HostId, h.Value?.Slot }).ToArray());

    /// <summary>Reads what <see cref="Encode"/> wrote; null with a reason for anything else.</summary>
    public static BulkRequeueContinuation? Decode(string text, out string? problem)
    {
        var rows = OpaqueText.Decode<string?[][]>(text, MaxLength, out problem);
        if (rows is null || rows.Any(r => r is not { Length: 4 } || r[0] is null || (r[1] is null) != (r[2] is null) || (r[1] is null) != (r[3] is null)))
        {
            problem ??= "it does not hold a walk's positions.";
            return null;
        }

        var hosts = new Dictionary<string, QuarantinePosition?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            hosts[row[0]!] = row[1] is null ? null : new QuarantinePosition(row[1]!, row[2]!, row[3]!);
        }

        return new BulkRequeueContinuation(hosts);
    }
}
