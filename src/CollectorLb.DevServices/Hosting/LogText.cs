using System.Text;

namespace CollectorLb.DevServices.Hosting;

/// <summary>Makes client-chosen text safe for one log line (file names may hold newlines).</summary>
internal static class LogText
{
    public static string Escape(string text)
    {
        var needsEscape = false;
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                needsEscape = true;
                break;
            }
        }

        if (!needsEscape)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
