using System.Globalization;

namespace CollectorLb.Abstractions.Settings;

/// <summary>Collects every invalid setting of one section, each named in full, so one start shows them all.</summary>
public sealed class SettingErrors(string section, IReadOnlyDictionary<string, string> legacyNames)
{
    private readonly List<string> _errors = [];

    /// <summary>Adds an error naming the setting (and the old variable it may come from) and what is wrong with it.</summary>
    public void Add(string setting, string problem) => _errors.Add($"{FullName(setting)} {problem}");

    /// <summary>Adds an error naming the setting and the accepted range when the value lies outside it.</summary>
    public void Range(string setting, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            Add(setting, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}; got {value}."));
        }
    }

    public ValidateOptionsResult ToResult() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);

    private string FullName(string setting) =>
        legacyNames.TryGetValue(setting, out var legacy) ? $"{section}:{setting} ({legacy})" : $"{section}:{setting}";
}
