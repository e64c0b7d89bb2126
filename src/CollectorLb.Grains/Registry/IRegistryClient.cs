namespace CollectorLb.Grains.Registry;

/// <summary>Reads the Registry Service's list of live connectors.</summary>
public interface IRegistryClient
{
    /// <summary>
    /// Returns the connectors the registry at <paramref name="registryUrl"/> lists.
    /// Throws <see cref="RegistryUnavailableException"/> when it cannot be read; the caller keeps its last good list.
    /// </summary>
    Task<IReadOnlyList<RegistryEntry>> GetConnectorsAsync(string registryUrl, CancellationToken cancellationToken);
}
