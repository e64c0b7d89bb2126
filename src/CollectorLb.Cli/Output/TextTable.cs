namespace CollectorLb.Cli.Output;

/// <summary>A plain text table: a header row and columns as wide as their widest cell. Numbers align right.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params object?[] cells)
    {
        _rows.Add(cells.Select(c => c?.ToString() ?? string.Empty).ToArray());
        return this;
    }

    public void WriteTo(TextWriter output)
    {
        var all = _rows.Prepend(headers).ToList();
        var widths = headers.Select((_, i) => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        var numeric = headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => i < r.Length && IsNumber(r[i]))).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 && !numeric[i] ? cell : numeric[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static bool IsNumber(string cell) => cell.Length > 0 && double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
