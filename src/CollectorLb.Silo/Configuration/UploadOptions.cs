using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Silo.Configuration;

/// <summary>How files are posted to connectors. Section <c>CollectorLb:Upload</c>.</summary>
public sealed class UploadOptions : ISettingsSection
{
    private static readonly string[] FormTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

    public static string SectionName => "CollectorLb:Upload";

    /// <summary>
    /// Content-Type of the body. Connectors read the raw body whatever this says (the old service sent
    /// <c>application/json</c>), except form types, which are refused.
    /// </summary>
    public string ContentType { get; set; } = "application/octet-stream";

    [Setting(0.1, 600)] public double ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Time allowed for one whole upload, answer included.</summary>
    [Setting(0.1, 86400)] public double TimeoutSeconds { get; set; } = 120;

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (!MediaTypeHeaderValue.TryParse(ContentType, out var mediaType) || mediaType.MediaType is null)
        {
            errors.Add(nameof(ContentType), $"must be a media type such as application/octet-stream; got '{ContentType}'.");
        }
        else if (FormTypes.Contains(mediaType.MediaType, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(nameof(ContentType), $"must not be a form type (connectors would parse the body as a form and see nothing); got '{ContentType}'.");
        }
    }
}
