namespace CollectorLb.Testing.Network;

/// <summary>A <c>/convert</c> a <see cref="RawTcpConnector"/> read, whatever it then did with it.</summary>
/// <param name="FileName">The <c>filename</c> query parameter.</param>
/// <param name="Bytes">Body bytes read.</param>
/// <param name="Sha256Hex">SHA-256 of those bytes, lower-case hex.</param>
/// <param name="Complete">Every byte of the announced Content-Length was read.</param>
/// <param name="FileId">The <c>X-CollectorLb-File-Id</c> header, if any.</param>
public sealed record RawUpload(string FileName, long Bytes, string Sha256Hex, bool Complete, string? FileId);
