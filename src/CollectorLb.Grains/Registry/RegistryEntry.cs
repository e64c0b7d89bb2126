namespace CollectorLb.Grains.Registry;

/// <summary>One connector the registry lists: its name and base URL (without <c>/convert</c>).</summary>
public sealed record RegistryEntry(string Name, string BaseUrl);
