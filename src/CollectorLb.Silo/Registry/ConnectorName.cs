namespace CollectorLb.Silo.Registry;

/// <summary>
/// A connector's name as the registry lists it. It names the connector in logs, metrics and the dashboard, so it is
/// checked where it enters: not empty or blank, at most <see cref="MaxLength"/> characters, no control characters.
/// </summary>
internal static class ConnectorName
{
    /// <summary>A DNS name's limit: connectors are named after their pods or services.</summary>
    public const int MaxLength = 253;

    private const int MaxPrintedLength = 120;

    public static bool IsValid(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxLength && !name.Any(char.IsControl);

    /// <summary>Registry text fit for one log line: control characters escaped, cut to a readable length.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxPrintedLength) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= MaxPrintedLength)
            {
                return builder.Append("...").ToString();
            }

            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
