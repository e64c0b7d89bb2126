namespace CollectorLb.Silo.Http;

/// <summary>
/// What a request to a peer throws when the peer cannot be reached, breaks the exchange, or does not finish it by its
/// deadline. A cancellation is only the peer's fault when our own token was not cancelled: the caller checks that.
/// </summary>
internal static class NoAnswer
{
    public static bool Is(Exception exception) =>
        exception is HttpRequestException or IOException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException;
}
