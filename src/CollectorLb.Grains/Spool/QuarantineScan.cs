using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// What <see cref="QuarantineStore.Scan"/> found: the matching files in order, how far it looked (matching or not),
/// whether anything lies beyond, and how many files the quarantine holds in all (from directory names).
/// </summary>
public sealed record QuarantineScan(IReadOnlyList<QuarantineEntry> Entries, QuarantinePosition? ExaminedUpTo, bool More, long Total);
