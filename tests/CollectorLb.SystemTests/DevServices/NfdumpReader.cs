using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.DevServices;

/// <summary>What <c>nfdump -I</c> says of nfcapd files, run through <see cref="Nfdump"/>.</summary>
internal static partial class NfdumpReader
{
    /// <summary>Flows and sequence failures as <c>nfdump -I</c> reports them.</summary>
    public static async Task<(long Flows, long SequenceFailures)> StatAsync(string file)
    {
        var output = await Nfdump.RunAsync("-I", "-r", file);
        return (Field(output, FlowsLine()), Field(output, SequenceFailuresLine()));
    }

    private static long Field(string output, Regex line)
    {
        var match = line.Match(output);
        Assert.True(match.Success, "unexpected nfdump -I output:\n" + output);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Flows: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex FlowsLine();

    [GeneratedRegex(@"^Sequence failures: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex SequenceFailuresLine();
}
