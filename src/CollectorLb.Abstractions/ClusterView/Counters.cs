using System.Reflection;

namespace CollectorLb.Abstractions.ClusterView;

/// <summary>
/// Sums records of counters (<see cref="FileStateCounts"/>, <see cref="DeliveryTotals"/>) member by member, so a
/// counter added to one is summed over hosts with no other line to write. Every public property must be a count.
/// </summary>
internal static class Counters<T>
    where T : new()
{
    private static readonly PropertyInfo[] Members = ReadMembers();

    public static T Sum(T left, T right)
    {
        var sum = new T();
        foreach (var member in Members)
        {
            member.SetValue(sum, (long)member.GetValue(left)! + (long)member.GetValue(right)!);
        }

        return sum;
    }

    private static PropertyInfo[] ReadMembers()
    {
        var members = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return members.FirstOrDefault(m => m.PropertyType != typeof(long) || !m.CanWrite) is { } other
            ? throw new InvalidOperationException($"{typeof(T).Name}.{other.Name} is not a count (a settable long): it would not be summed.")
            : members;
    }
}
