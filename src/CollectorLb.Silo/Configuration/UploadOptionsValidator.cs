using System.Net.Http.Headers;
using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Configuration;

internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    private static readonly string[] FormTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var errors = new SettingErrors(UploadOptions.SectionName);
        if (!MediaTypeHeaderValue.TryParse(options.ContentType, out var mediaType) || mediaType.MediaType is null)
        {
            errors.Add(nameof(options.ContentType), $"must be a media type such as application/octet-stream; got '{options.ContentType}'.");
        }
        else if (FormTypes.Contains(mediaType.MediaType, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(nameof(options.ContentType), $"must not be a form type (connectors would parse the body as a form and see nothing); got '{options.ContentType}'.");
        }

        errors.Range(nameof(options.ConnectTimeoutSeconds), options.ConnectTimeoutSeconds, 0.1, 600);
        errors.Range(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 0.1, 86400);
        return errors.ToResult();
    }
}
