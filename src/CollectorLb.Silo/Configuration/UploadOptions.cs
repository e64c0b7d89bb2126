namespace CollectorLb.Silo.Configuration;

/// <summary>How files are posted to connectors. Section <c>CollectorLb:Upload</c>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "CollectorLb:Upload";

    /// <summary>
    /// Content-Type of the body. Connectors read the raw body whatever this says (the old service sent
    /// <c>application/json</c>), except form types, which are refused.
    /// </summary>
    public string ContentType { get; set; } = "application/octet-stream";

    public double ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Time allowed for one whole upload, answer included.</summary>
    public double TimeoutSeconds { get; set; } = 120;
}
