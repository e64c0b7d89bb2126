using System.Buffers.Text;
using System.Text.Json;

namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// Cursors and continuations as clients carry them: JSON in base64url, so they pass through URLs, shells and JSON
/// bodies unchanged. Clients must not build them: what comes back is decoded with a length bound and checked.
/// </summary>
internal static class OpaqueText
{
    public static string Encode<T>(T value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    public static T? Decode<T>(string text, int maxLength, out string? problem)
        where T : class
    {
        problem = null;
        if (text.Length > maxLength)
        {
            problem = $"it is {text.Length} characters long; at most {maxLength}.";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException)
        {
            problem = "it is not one this cluster gave.";
            return null;
        }
    }
}
