namespace CollectorLb.Silo.Http;

/// <summary>What went wrong in an exchange with a peer, on one line for a log or a file's last error.</summary>
internal static class PeerError
{
    /// <summary>
    /// The messages of <paramref name="exception"/> and its causes, each once: an <see cref="HttpRequestException"/>
    /// says only that a request failed, its inner exceptions say how (connection refused, reset by peer).
    /// </summary>
    public static string Describe(Exception exception)
    {
        var text = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text = $"{text}: {inner.Message}";
            }
        }

        return text;
    }
}
