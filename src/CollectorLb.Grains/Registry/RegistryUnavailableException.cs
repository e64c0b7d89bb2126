namespace CollectorLb.Grains.Registry;

/// <summary>The registry could not be read (down, error status, or an answer that is not its protocol).</summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
