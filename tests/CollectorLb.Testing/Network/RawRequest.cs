namespace CollectorLb.Testing.Network;

/// <summary>A request a <see cref="RawHttpServer"/> read: its line, its headers and what it read of its body.</summary>
/// <param name="Query">The query's parameters, decoded.</param>
/// <param name="Headers">Header names in lower case.</param>
/// <param name="ContentLength">What the request said its body is; 0 without a Content-Length.</param>
/// <param name="BodyBytes">What was read of the body.</param>
/// <param name="BodySha256Hex">SHA-256 of the bytes read, lower-case hex.</param>
public sealed record RawRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    long ContentLength,
    long BodyBytes,
    string BodySha256Hex)
{
    /// <summary>Every byte the request announced was read.</summary>
    public bool BodyComplete => BodyBytes == ContentLength;
}
