using CollectorLb.Grains.Delivery;

namespace CollectorLb.Testing.Fakes;

/// <summary>One upload a <see cref="FakeFileUploader"/> was asked for: what it was asked, the file's bytes then, and its answer.</summary>
/// <param name="Sha256Hex">SHA-256 of the file as it was read, lower-case hex; null when it could not be read.</param>
public sealed record FakeUpload(UploadRequest Request, string? Sha256Hex, UploadResult Result);
