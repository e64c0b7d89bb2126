namespace CollectorLb.Silo.Hosting;

/// <summary>
/// Another active silo of the cluster serves this silo's host id. Two silos of one host id would each claim and
/// place the other's files (the newer gets the older's FileGrains, whose files it cannot see), so this one stops.
/// </summary>
internal sealed class DuplicateHostIdException(string hostId, IReadOnlyList<string> otherSilos)
    : Exception(
        $"Another active silo of the cluster serves host id '{hostId}': {string.Join("; ", otherSilos)}. Two silos with one "
        + "host id take each other's files. Give this silo its own CollectorLb:HostId, or stop the other one first.")
{
    public string HostId { get; } = hostId;

    public IReadOnlyList<string> OtherSilos { get; } = otherSilos;
}
