using System.Globalization;
using System.Reflection;

namespace CollectorLb.Abstractions.Settings;

/// <summary>
/// Checks a settings section at start: each property's <see cref="SettingAttribute"/> bounds, then the section's own
/// rules, listing every invalid setting at once.
/// </summary>
public sealed class SettingsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISettingsSection
{
    // The attributes are read once per section type.
    private static readonly IReadOnlyList<(PropertyInfo Property, SettingAttribute Setting)> Attributed =
    [
        .. typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (property, setting: property.GetCustomAttribute<SettingAttribute>()))
            .Where(pair => pair.setting is not null)
            .Select(pair => (pair.property, pair.setting!)),
    ];

    private static readonly IReadOnlyDictionary<string, string> LegacyNames = Attributed
        .Where(s => s.Setting.Legacy is not null)
        .ToDictionary(s => s.Property.Name, s => s.Setting.Legacy!);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new SettingErrors(TOptions.SectionName, LegacyNames);
        foreach (var (property, setting) in Attributed.Where(s => s.Setting.IsBounded))
        {
            var value = Convert.ToDouble(property.GetValue(options), CultureInfo.InvariantCulture);
            errors.Range(property.Name, value, setting.Min, setting.Max);
        }

        options.CheckRules(errors);
        return errors.ToResult();
    }
}
