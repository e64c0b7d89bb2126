namespace CollectorLb.DevServices.Connector;

/// <summary>A file a <see cref="ConnectorServer"/> stored and acknowledged.</summary>
/// <param name="FileName">The name from the <c>filename</c> query parameter, decoded.</param>
/// <param name="StoredPath">Full path of the stored file; empty when the connector keeps no files (<see cref="ConnectorServerOptions.StoreFiles"/>).</param>
/// <param name="Length">Body length in bytes.</param>
/// <param name="Sha256Hex">SHA-256 of the body, lowercase hex.</param>
/// <param name="ContentType">The request's Content-Type, if any.</param>
/// <param name="Headers">Request headers whose name starts with <c>X-</c> (case-insensitive keys).</param>
/// <param name="ReceivedAt">When the file was fully stored.</param>
public sealed record ReceivedFile(
    string FileName,
    string StoredPath,
    long Length,
    string Sha256Hex,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt);
