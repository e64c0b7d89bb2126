namespace CollectorLb.DevServices.Hosting;

internal static class JsonElementExtensions
{
    /// <summary>The string value of property <paramref name="name"/> of a JSON object; null when missing or not a string.</summary>
    public static string? GetStringOrNull(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
