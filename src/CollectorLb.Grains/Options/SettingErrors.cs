using System.Globalization;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Options;

/// <summary>Collects every invalid setting of one section, each named in full, so one start shows them all.</summary>
public sealed class SettingErrors(string section)
{
    private readonly List<string> _errors = [];

    public void Add(string setting, string problem) => _errors.Add($"{section}:{setting} {problem}");

    /// <summary>Adds an error naming the setting (and the old variable it may come from) and the accepted range.</summary>
    public void Range(string setting, double value, double min, double max, string? legacyVariable = null)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            var legacy = legacyVariable is null ? string.Empty : $" ({legacyVariable})";
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{setting}{legacy} must be between {min} and {max}; got {value}."));
        }
    }

    public ValidateOptionsResult ToResult() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
