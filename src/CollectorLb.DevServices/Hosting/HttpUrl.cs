namespace CollectorLb.DevServices.Hosting;

/// <summary>The one URL rule of the registry protocol, checked by the registry, the connector and the CLI alike.</summary>
internal static class HttpUrl
{
    /// <summary>True for an absolute <c>http</c> or <c>https</c> URL.</summary>
    public static bool IsAbsolute(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
