namespace CollectorLb.Grains.Delivery;

/// <param name="ConnectorBaseUrl">The connector's base URL as the registry lists it (no <c>/convert</c>).</param>
/// <param name="FilePath">Where the bytes are (the claimed copy in the spool).</param>
/// <param name="FileName">The name the connector stores the file under: nfcapd's original name.</param>
/// <param name="FileId">A stable identity a connector may use to drop duplicates.</param>
public sealed record UploadRequest(string ConnectorBaseUrl, string FilePath, string FileName, string FileId);
