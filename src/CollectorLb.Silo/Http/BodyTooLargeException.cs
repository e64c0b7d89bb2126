namespace CollectorLb.Silo.Http;

/// <summary>An answer longer than the protocol could ever need.</summary>
internal sealed class BodyTooLargeException(int maxBytes) : IOException($"the answer is larger than {maxBytes} bytes");
